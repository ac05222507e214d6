package org.khanaen.elections.ect;

import java.time.Instant;
import java.util.List;

import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceView;

/**
 * The commission's files as the ECT-compatible feed writes them: its reference files ({@code refs/info_*.json}) from an
 * election's reference data, byte for byte as the commission's where the values agree, and its results files
 * ({@code records/stats_cons.json}, {@code records/stats_party.json}) from verified counts given in the records here
 * (the caller reads them from the live results; docs/ect-feed.md).
 */
public final class EctFiles {

    private EctFiles() {
    }

    /** An election's reference data as the files need it; {@code raceCandidates}: the constituency race's candidates. */
    public record Reference(List<ProvinceView> provinces, List<ConstituencyView> constituencies, List<PartyView> parties,
            List<CandidateView> raceCandidates) {
    }

    /** One contest's totals in a place: the voters who came ({@code turn_out}) and the three kinds of ballots. */
    public record Totals(long voters, long valid, long invalid, long blank) {
    }

    /** A party's figures in the nation or a province (seats led: constituencies its candidates lead, of which decided). */
    public record PartyFigures(String partyId, long partyListVotes, int partyListSeats, long constituencyVotes, int seatsLed,
            int seatsDecided) {
    }

    /** The nation or a province: the constituency race's and the party list's totals, and its parties. */
    public record Place(String code, Totals race, Totals list, List<PartyFigures> parties) {
    }

    public record CandidateVotes(String candidateId, String partyId, long votes) {
    }

    public record PartyVotes(String partyId, int ballotNumber, long votes) {
    }

    /**
     * @param stations        the race's stations, of which {@code stationsCounted} are counted
     * @param candidates      the race's candidates, most votes first
     * @param parties         the party list's votes per party
     */
    public record Constituency(String code, Totals race, Totals list, int stations, int stationsCounted, List<CandidateVotes> candidates,
            List<PartyVotes> parties) {
    }

    /** Party-list seats are a projection, shown only from {@code fromPercent} of the stations counted. */
    public record Projection(boolean shown, double fromPercent, double percentCounted) {
    }

    /** The verified counts of the whole election at one version. */
    public record Results(Instant updatedAt, Place nation, Projection projection, List<Place> provinces, List<Constituency> constituencies) {
    }

    public static byte[] infoProvince(List<ProvinceView> provinces) {
        return EctRefs.provinces(provinces);
    }

    public static byte[] infoConstituency(List<ConstituencyView> constituencies) {
        return EctRefs.constituencies(constituencies);
    }

    public static byte[] infoPartyOverview(List<PartyView> parties) {
        return EctRefs.parties(parties);
    }

    public static byte[] infoMpCandidate(List<CandidateView> raceCandidates) {
        return EctRefs.candidates(raceCandidates);
    }

    public static byte[] statsCons(Results results, Reference reference) {
        return new EctRecords(results, reference).statsCons();
    }

    public static byte[] statsParty(Results results, Reference reference) {
        return new EctRecords(results, reference).statsParty();
    }
}

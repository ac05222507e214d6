package org.khanaen.elections.importing;

import java.time.LocalDate;
import java.util.List;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ElectionKind;
import org.khanaen.elections.SeatRule;

/**
 * Everything an election consists of, as read from any source format, before it is checked and
 * stored. Each part remembers where it came from, so a problem can name the file and record.
 */
public record ElectionDefinition(Origin origin, String id, String nameTh, String nameEn, ElectionKind kind,
        LocalDate date, String source, List<ProvinceDef> provinces, List<DistrictDef> districts,
        List<ConstituencyDef> constituencies, List<ContestDef> contests, List<PartyDef> parties,
        List<CandidateDef> candidates, StationPlan stations) {

    /** The file and the record in it. */
    public record Origin(String file, String record) {
        public static Origin of(String file) {
            return new Origin(file, "");
        }
    }

    /**
     * @param abbreviation  the Thai abbreviation (the ECT's {@code abbre_thai}), if the source has one
     * @param sourceNameEn  the English name exactly as the source wrote it (the ECT: upper case), if it has one
     */
    public record ProvinceDef(Origin origin, String code, String ectId, String nameTh, String nameEn,
            Double latitude, Double longitude, Long registeredVoters, String abbreviation, String sourceNameEn) {
    }

    public record DistrictDef(Origin origin, String code, String provinceCode, String nameTh, String nameEn,
            Double latitude, Double longitude) {
    }

    /**
     * @param zones the districts it covers; empty means the whole province
     */
    public record ConstituencyDef(Origin origin, String code, int number, String provinceCode,
            List<ZoneDef> zones, long registeredVoters) {
    }

    /**
     * @param text         as the source wrote it, e.g. {@code เขตดุสิต (ยกเว้นแขวงถนนนครไชยศรี)}
     * @param districtCode the district it is matched to, or null when it matched none
     * @param partial      only part of the district belongs to the constituency
     */
    public record ZoneDef(String text, String districtCode, boolean partial) {
    }

    public record ContestDef(Origin origin, String code, String nameTh, String nameEn, ContestScope scope,
            BallotKind ballot, int seats, SeatRule seatRule) {
    }

    public record PartyDef(Origin origin, String code, Integer ballotNumber, String nameTh, String nameEn,
            String abbreviation, String colour, String logoUrl) {
    }

    /**
     * @param constituencyCode required for a constituency contest, absent for an election-wide one
     * @param partyCode        absent for an independent
     */
    public record CandidateDef(Origin origin, String code, String contestCode, String constituencyCode,
            int ballotNumber, String name, String partyCode, String imageUrl) {
    }

    /** Either generated (there is no official list) or listed one by one. */
    public sealed interface StationPlan permits Generated, Listed {
    }

    /**
     * @param votersPerStation stations per constituency = its registered voters / this, rounded
     * @param total            or: this many stations over the whole election, in proportion to voters
     */
    public record Generated(Origin origin, long seed, Integer votersPerStation, Integer total) implements StationPlan {
    }

    public record Listed(List<StationDef> stations) implements StationPlan {
    }

    public record StationDef(Origin origin, String code, String constituencyCode, String districtCode, int number,
            String nameTh, String nameEn, double latitude, double longitude, int registeredVoters) {
    }
}

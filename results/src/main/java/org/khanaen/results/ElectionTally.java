package org.khanaen.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ContestView;
import org.khanaen.elections.LargestRemainder;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceView;
import org.khanaen.elections.SeatRule;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults.CandidateResult;
import org.khanaen.results.LiveResults.ConstituencyContest;
import org.khanaen.results.LiveResults.ConstituencyLine;
import org.khanaen.results.LiveResults.ConstituencyResults;
import org.khanaen.results.LiveResults.ContestTotals;
import org.khanaen.results.LiveResults.NationalResults;
import org.khanaen.results.LiveResults.Numbers;
import org.khanaen.results.LiveResults.PartyResult;
import org.khanaen.results.LiveResults.PartyVotes;
import org.khanaen.results.LiveResults.ProvinceResults;
import org.khanaen.results.LiveResults.Seats;
import org.khanaen.results.LiveResults.StationContestResult;
import org.khanaen.results.LiveResults.View;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.quickcount.QuickCountEstimator;

/**
 * One election's live results in memory: each station contest's newest numbers, and running sums per constituency,
 * province and nation that every change adjusts by its difference (a station's old numbers out, its new ones in),
 * so nothing is recomputed from scratch. Two views side by side: verified numbers only, and provisional ones (a
 * waiting final count where there is one, else the verified numbers). Seats and leaders are derived when a view is
 * read (a few thousand additions). Not thread-safe: {@link LiveResults} serialises access.
 */
final class ElectionTally {

    static final int USED = 0, VALID = 1, INVALID = 2, NO_VOTE = 3, VOTES = 4;
    private static final int VIEWS = 2;

    /**
     * A station contest as the table has it.
     *
     * @param verifiedCame the voters who came by the verified count's form (null: not given); {@code latestCame} the same of
     *                     the newest waiting count
     * @param asWritten    the verified numbers were accepted as written on a form that does not add up
     * @param mark         which write of the row this is (see {@link ContestChangeFeed#mark}); 0 when unknown. A row
     *                     already in place with the same mark is not applied again
     */
    record Row(long stationId, String contest, ContestState state, int version, Map<Integer, Long> verified, long[] verifiedTotals,
            Map<Integer, Long> latest, long[] latestTotals, Instant verifiedAt, Long verifiedCame, Long latestCame, boolean asWritten,
            long mark) {

        Row(long stationId, String contest, ContestState state, int version, Map<Integer, Long> verified, long[] verifiedTotals,
                Map<Integer, Long> latest, long[] latestTotals, Instant verifiedAt) {
            this(stationId, contest, state, version, verified, verifiedTotals, latest, latestTotals, verifiedAt, null, null, false, 0);
        }
    }

    private static final class Slot {
        ContestState state = ContestState.NO_REPORT;
        int version;
        int[] verified;
        int[] latest;
        Instant verifiedAt;
        Long verifiedCame;
        Long latestCame;
        boolean asWritten;
        long mark;

        int[] provisional() {
            return (state == ContestState.FINAL || state == ContestState.CONFLICT) && latest != null ? latest : verified;
        }

        int[] of(View view) {
            return view == View.VERIFIED ? verified : provisional();
        }

        /** The voters who came by the form of the numbers this view shows; null when not given. */
        Long cameOf(View view) {
            int[] n = of(view);
            return n == null ? null : n == verified ? verifiedCame : latestCame;
        }
    }

    final String electionId;
    private final List<ContestView> contests;
    private final int partyList;      // the contest of party ballots shared out by largest remainders, or -1
    private final int constituencyRace; // the contest of candidates won per constituency, or -1
    private final Map<Long, Integer> stationIndex = new HashMap<>();
    private final long[] stationIds;
    private final int[] stationCons;
    private final int[] stationRegistered;
    private final List<ConstituencyView> constituencies;
    private final Map<String, Integer> consByCode = new HashMap<>();
    private final int[] consProvince;
    private final int[] consStations;
    private final long[] consRegistered;
    private final List<ProvinceView> provinces;
    private final Map<String, Integer> provByCode = new HashMap<>();
    private final List<PartyView> parties;
    private final int noParty;
    private final int[] maxBallot;
    private final CandidateView[][][] candidates; // [contest][constituency][ballot number]
    private final int[][][] partyOf;              // [contest][constituency][ballot number] → party index (noParty when none)
    private final Slot[][] slots;                 // [contest][station]

    private final long[][][][] consSums;  // [view][contest][constituency][USED..VOTES+ballot]
    private final long[][][][] provParty; // [view][contest][province][USED..VOTES+party]
    private final long[][][] natParty;    // [view][contest][USED..VOTES+party]
    private final long[][][] natBallot;   // [view][contest][USED..VOTES+ballot], for contests over the whole election
    private final int[][][] counted;      // [view][contest][constituency]: stations whose numbers are in the sums
    private final long[][][] registeredCounted;
    private final int[][] reporting, finals, verifiedCount; // [contest][constituency]
    private final int[][][] stationVoters; // [view][contest][station]: the station's voters, where the contest is counted
    private final long[][][] voters;       // [view][contest][constituency]: their sum

    private long version;
    private Instant updatedAt;
    private double projectionFrom; // percent of stations counted before party-list seats are projected
    private long stamp; // the sum of every slot's mixed mark: the same rows in place give the same stamp on every node

    ElectionTally(String electionId, List<ContestView> contests, List<ProvinceView> provinces, List<ConstituencyView> constituencies,
            List<PartyView> parties, List<CandidateView> candidateList, List<StationPoint> stations, Instant now) {
        this.electionId = electionId;
        this.contests = List.copyOf(contests);
        this.provinces = List.copyOf(provinces);
        this.constituencies = List.copyOf(constituencies);
        this.parties = List.copyOf(parties);
        this.updatedAt = now;
        int pl = -1, cr = -1;
        for (int c = 0; c < contests.size(); c++) {
            ContestView v = contests.get(c);
            if (pl < 0 && v.ballot() == BallotKind.PARTY && v.seatRule() == SeatRule.LARGEST_REMAINDER) {
                pl = c;
            }
            if (cr < 0 && v.ballot() == BallotKind.CANDIDATE && v.scope() == ContestScope.CONSTITUENCY && v.seatRule() == SeatRule.PLURALITY) {
                cr = c;
            }
        }
        partyList = pl;
        constituencyRace = cr;
        for (int p = 0; p < provinces.size(); p++) {
            provByCode.put(provinces.get(p).code(), p);
        }
        Map<Long, Integer> consById = new HashMap<>();
        consProvince = new int[constituencies.size()];
        for (int i = 0; i < constituencies.size(); i++) {
            ConstituencyView v = constituencies.get(i);
            consById.put(v.id(), i);
            consByCode.put(v.code(), i);
            consProvince[i] = provByCode.getOrDefault(v.province().code(), 0);
        }
        stationIds = new long[stations.size()];
        stationCons = new int[stations.size()];
        stationRegistered = new int[stations.size()];
        consStations = new int[constituencies.size()];
        consRegistered = new long[constituencies.size()];
        for (int s = 0; s < stations.size(); s++) {
            StationPoint p = stations.get(s);
            stationIndex.put(p.id(), s);
            stationIds[s] = p.id();
            stationCons[s] = consById.getOrDefault(p.constituencyId(), 0);
            stationRegistered[s] = p.registeredVoters();
            consStations[stationCons[s]]++;
            consRegistered[stationCons[s]] += p.registeredVoters();
        }
        Map<String, Integer> partyByCode = new HashMap<>();
        Map<Integer, Integer> partyByBallot = new HashMap<>();
        for (int p = 0; p < parties.size(); p++) {
            partyByCode.put(parties.get(p).code(), p);
            if (parties.get(p).ballotNumber() != null) {
                partyByBallot.put(parties.get(p).ballotNumber(), p);
            }
        }
        noParty = parties.size();
        int n = contests.size(), k = constituencies.size();
        maxBallot = new int[n];
        candidates = new CandidateView[n][k][];
        partyOf = new int[n][k][];
        for (int c = 0; c < n; c++) {
            String code = contests.get(c).code();
            int max = 0;
            if (contests.get(c).ballot() == BallotKind.PARTY) {
                max = partyByBallot.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            }
            for (CandidateView cv : candidateList) {
                if (cv.contest().equals(code)) {
                    max = Math.max(max, cv.ballotNumber());
                }
            }
            maxBallot[c] = max;
            for (int i = 0; i < k; i++) {
                candidates[c][i] = new CandidateView[max + 1];
                partyOf[c][i] = new int[max + 1];
                java.util.Arrays.fill(partyOf[c][i], noParty);
                if (contests.get(c).ballot() == BallotKind.PARTY) {
                    for (var e : partyByBallot.entrySet()) {
                        partyOf[c][i][e.getKey()] = e.getValue();
                    }
                }
            }
            for (CandidateView cv : candidateList) {
                if (!cv.contest().equals(code)) {
                    continue;
                }
                int party = cv.party() == null ? noParty : partyByCode.getOrDefault(cv.party().code(), noParty);
                if (cv.constituency() == null) {
                    for (int i = 0; i < k; i++) {
                        candidates[c][i][cv.ballotNumber()] = cv;
                        partyOf[c][i][cv.ballotNumber()] = party;
                    }
                } else if (consByCode.containsKey(cv.constituency())) {
                    int i = consByCode.get(cv.constituency());
                    candidates[c][i][cv.ballotNumber()] = cv;
                    partyOf[c][i][cv.ballotNumber()] = party;
                }
            }
        }
        slots = new Slot[n][stations.size()];
        consSums = new long[VIEWS][n][k][];
        provParty = new long[VIEWS][n][provinces.size()][];
        natParty = new long[VIEWS][n][];
        natBallot = new long[VIEWS][n][];
        counted = new int[VIEWS][n][k];
        registeredCounted = new long[VIEWS][n][k];
        for (int v = 0; v < VIEWS; v++) {
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < k; i++) {
                    consSums[v][c][i] = new long[VOTES + maxBallot[c] + 1];
                }
                for (int p = 0; p < provinces.size(); p++) {
                    provParty[v][c][p] = new long[VOTES + noParty + 1];
                }
                natParty[v][c] = new long[VOTES + noParty + 1];
                natBallot[v][c] = new long[VOTES + maxBallot[c] + 1];
            }
        }
        stationVoters = new int[VIEWS][n][stations.size()];
        voters = new long[VIEWS][n][k];
        reporting = new int[n][k];
        finals = new int[n][k];
        verifiedCount = new int[n][k];
    }

    long version() {
        return version;
    }

    /** Party-list seats are projected from the count only past this percentage of stations counted. */
    void projectionFrom(double percent) {
        projectionFrom = percent;
    }

    /**
     * A constituency is decided when its leader's margin exceeds every vote still possible there (the registered voters
     * of the stations not yet counted): even if all of them came and voted for the runner-up, the leader stays ahead.
     * Equal is not enough (it could end level). Never a guess from the trend.
     */
    static boolean decided(long margin, boolean tied, long outstanding) {
        return !tied && margin > 0 && margin > outstanding;
    }

    private long outstanding(int v, int c, int k) {
        return consRegistered[k] - registeredCounted[v][c][k];
    }

    Instant updatedAt() {
        return updatedAt;
    }

    int contestIndex(String code) {
        for (int c = 0; c < contests.size(); c++) {
            if (contests.get(c).code().equals(code)) {
                return c;
            }
        }
        return -1;
    }

    boolean hasStation(long stationId) {
        return stationIndex.containsKey(stationId);
    }

    Optional<String> constituencyOf(long stationId) {
        Integer s = stationIndex.get(stationId);
        return s == null ? Optional.empty() : Optional.of(constituencies.get(stationCons[s]).code());
    }

    Optional<String> provinceOf(long stationId) {
        Integer s = stationIndex.get(stationId);
        return s == null ? Optional.empty() : Optional.of(constituencies.get(stationCons[s]).province().code());
    }

    /**
     * Puts a station contest's numbers in place of its old ones; false when the station or contest is not this election's,
     * or when this very write of the row (its mark) is already in place.
     */
    boolean apply(Row row) {
        Integer s = stationIndex.get(row.stationId());
        int c = contestIndex(row.contest());
        if (s == null || c < 0) {
            return false;
        }
        Slot slot = slots[c][s];
        if (slot == null) {
            slot = slots[c][s] = new Slot();
        } else if (row.mark() != 0 && slot.mark == row.mark()) {
            return false;
        }
        stamp += mixed(s, c, row.mark()) - mixed(s, c, slot.mark);
        slot.mark = row.mark();
        int[] oldVerified = slot.verified, oldProvisional = slot.provisional();
        count(c, s, slot, -1);
        slot.state = row.state();
        slot.version = row.version();
        slot.verified = row.verified() == null ? null : numbers(c, row.verified(), row.verifiedTotals());
        slot.latest = row.latest() == null ? null : numbers(c, row.latest(), row.latestTotals());
        slot.verifiedAt = row.verifiedAt();
        slot.verifiedCame = row.verifiedCame();
        slot.latestCame = row.latestCame();
        slot.asWritten = row.asWritten();
        count(c, s, slot, +1);
        move(View.VERIFIED, c, s, oldVerified, slot.verified);
        move(View.PROVISIONAL, c, s, oldProvisional, slot.provisional());
        recountVoters(s);
        return true;
    }

    /**
     * A station's voters in each of its counted contests, as the commission counts turnout: the voters who came by the
     * contest's own count form; where that form's figure was not given, the voters who came by another contest's form
     * (they signed one register); where no form gives it, the most ballots used in any contest (each voter gets every
     * ballot, but may leave one unused).
     */
    private void recountVoters(int s) {
        int k = stationCons[s];
        for (View view : View.values()) {
            int v = view.ordinal(), most = 0;
            long came = -1;
            for (int c = 0; c < contests.size(); c++) {
                int[] n = slots[c][s] == null ? null : slots[c][s].of(view);
                if (n != null) {
                    most = Math.max(most, n[USED]);
                    Long own = slots[c][s].cameOf(view);
                    came = own == null ? came : Math.max(came, own);
                }
            }
            for (int c = 0; c < contests.size(); c++) {
                int[] n = slots[c][s] == null ? null : slots[c][s].of(view);
                Long own = n == null ? null : slots[c][s].cameOf(view);
                int now = n == null ? 0 : own != null ? Math.toIntExact(own) : came >= 0 ? Math.toIntExact(came) : most;
                voters[v][c][k] += now - stationVoters[v][c][s];
                stationVoters[v][c][s] = now;
            }
        }
    }

    /** The parties by the index the quick count's observations use. */
    List<PartyView> parties() {
        return parties;
    }

    /** The party-list seats to share out (0 without such a contest). */
    int partyListSeatCount() {
        return partyList < 0 ? 0 : contests.get(partyList).seats();
    }

    /**
     * A station's verified party-list numbers as a quick-count observation (votes per party index), or null when the
     * station has none yet.
     */
    QuickCountEstimator.Observation observation(long stationId, String stratum) {
        Integer s = stationIndex.get(stationId);
        if (partyList < 0 || s == null || slots[partyList][s] == null || slots[partyList][s].verified == null) {
            return null;
        }
        int[] n = slots[partyList][s].verified;
        int[] party = partyOf[partyList][stationCons[s]];
        long[] votes = new long[parties.size()];
        for (int b = 0; b <= maxBallot[partyList]; b++) {
            if (party[b] != noParty) {
                votes[party[b]] += n[VOTES + b];
            }
        }
        return new QuickCountEstimator.Observation(stationId, stratum, stationRegistered[s],
                stationVoters[View.VERIFIED.ordinal()][partyList][s], n[USED], n[VALID], n[INVALID], n[NO_VOTE], votes);
    }

    List<String> provinceCodes() {
        return provinces.stream().map(ProvinceView::code).toList();
    }

    List<String> constituencyCodes() {
        return constituencies.stream().map(ConstituencyView::code).toList();
    }

    /**
     * A fingerprint of every station contest in place (which write of each row): equal on two nodes that hold the same
     * rows, whatever order or batches they took them in, so it can serve as an ETag behind a load balancer.
     */
    long stamp() {
        return stamp;
    }

    private long mixed(int s, int c, long mark) {
        return mark == 0 ? 0 : ContestChangeFeed.mix(ContestChangeFeed.mix(stationIds[s] * 16 + c) ^ mark);
    }

    /** Marks the end of a batch of changes. */
    void changed(Instant at) {
        version++;
        updatedAt = at;
    }

    private int[] numbers(int c, Map<Integer, Long> votes, long[] totals) {
        int[] n = new int[VOTES + maxBallot[c] + 1];
        for (int i = 0; i < VOTES; i++) {
            n[i] = Math.toIntExact(totals[i]);
        }
        votes.forEach((b, v) -> {
            if (b >= 0 && b <= maxBallot[c]) { // the checks refuse unknown numbers; an old row from before a re-import is skipped
                n[VOTES + b] = Math.toIntExact(v);
            }
        });
        return n;
    }

    private void count(int c, int s, Slot slot, int sign) {
        int k = stationCons[s];
        if (slot.state != ContestState.NO_REPORT) {
            reporting[c][k] += sign;
        }
        if (slot.version > 0 || slot.state == ContestState.FINAL || slot.state == ContestState.CONFLICT || slot.state == ContestState.VERIFIED) {
            finals[c][k] += sign;
        }
        if (slot.version > 0 && slot.verified != null) {
            verifiedCount[c][k] += sign;
        }
    }

    private void move(View view, int c, int s, int[] out, int[] in) {
        if (out == in) {
            return;
        }
        if (out != null) {
            add(view, c, s, out, -1);
        }
        if (in != null) {
            add(view, c, s, in, +1);
        }
    }

    private void add(View view, int c, int s, int[] n, int sign) {
        int v = view.ordinal(), k = stationCons[s], p = consProvince[k];
        counted[v][c][k] += sign;
        registeredCounted[v][c][k] += (long) sign * stationRegistered[s];
        long[] cons = consSums[v][c][k], prov = provParty[v][c][p], nat = natParty[v][c], natB = natBallot[v][c];
        for (int i = 0; i < VOTES; i++) {
            cons[i] += sign * (long) n[i];
            prov[i] += sign * (long) n[i];
            nat[i] += sign * (long) n[i];
            natB[i] += sign * (long) n[i];
        }
        int[] party = partyOf[c][k];
        for (int b = 0; b <= maxBallot[c]; b++) {
            long x = sign * (long) n[VOTES + b];
            if (x != 0) {
                cons[VOTES + b] += x;
                prov[VOTES + party[b]] += x;
                nat[VOTES + party[b]] += x;
                natB[VOTES + b] += x;
            }
        }
    }

    // ---- views ----

    NationalResults national(View view) {
        int v = view.ordinal();
        List<ContestTotals> totals = new ArrayList<>();
        for (int c = 0; c < contests.size(); c++) {
            totals.add(totals(c, v, allConstituencies(), natParty[v][c]));
        }
        Leaders leaders = leaders(v, allConstituencies());
        double counted = partyList < 0 ? 0 : totals.get(partyList).percentCounted();
        boolean projected = partyList >= 0 && counted >= projectionFrom && totals.get(partyList).valid() > 0;
        LargestRemainder.Allocation<Integer> seats = projected ? partyListSeats(v) : null;
        List<PartyResult> lines = new ArrayList<>();
        for (int p = 0; p < parties.size(); p++) {
            lines.add(partyLine(p, natParty[v], seats, leaders));
        }
        lines.sort(Comparator.comparingInt(PartyResult::totalSeats).reversed()
                .thenComparing(Comparator.comparingLong(PartyResult::partyListVotes).reversed())
                .thenComparing(r -> r.ballotNumber() == null ? Integer.MAX_VALUE : r.ballotNumber()));
        return new NationalResults(electionId, version, updatedAt, view == View.VERIFIED, totals, lines,
                seatsOf(seats, leaders), new LiveResults.Projection(projected, projectionFrom, counted));
    }

    /** Per province: how much is counted and which party leads the most of its constituencies (null when none or level). */
    List<LiveResults.ProvinceSummary> provinceSummaries(View view) {
        int v = view.ordinal();
        int[][] led = new int[provinces.size()][noParty + 1];
        int[] stations = new int[provinces.size()], cnt = new int[provinces.size()], cons = new int[provinces.size()];
        int counting = constituencyRace >= 0 ? constituencyRace : 0;
        for (int k = 0; k < constituencies.size(); k++) {
            int p = consProvince[k];
            cons[p]++;
            stations[p] += consStations[k];
            if (!contests.isEmpty()) {
                cnt[p] += counted[v][counting][k];
            }
            if (constituencyRace >= 0) {
                Leader l = leader(consSums[v][constituencyRace][k], constituencyRace);
                if (l != null && !l.tied()) {
                    led[p][partyOf[constituencyRace][k][l.ballot()]]++;
                }
            }
        }
        List<LiveResults.ProvinceSummary> out = new ArrayList<>();
        for (int p = 0; p < provinces.size(); p++) {
            int best = -1, most = 0;
            boolean level = false;
            for (int party = 0; party < noParty; party++) {
                if (led[p][party] > most) {
                    most = led[p][party];
                    best = party;
                    level = false;
                } else if (led[p][party] == most && most > 0) {
                    level = true;
                }
            }
            ProvinceView pv = provinces.get(p);
            PartyView leading = best < 0 || level ? null : parties.get(best);
            out.add(new LiveResults.ProvinceSummary(pv.code(), pv.name(), pv.latitude(), pv.longitude(), pv.registeredVoters(), cons[p],
                    stations[p], cnt[p], percent(cnt[p], stations[p]), leading == null ? null : leading.code(),
                    leading == null ? null : leading.colour(), most));
        }
        return out;
    }

    Optional<ProvinceResults> province(String code, View view) {
        Integer p = provByCode.get(code);
        if (p == null) {
            return Optional.empty();
        }
        int v = view.ordinal();
        List<Integer> its = new ArrayList<>();
        for (int k = 0; k < constituencies.size(); k++) {
            if (consProvince[k] == p) {
                its.add(k);
            }
        }
        List<ContestTotals> totals = new ArrayList<>();
        long[][] sums = new long[contests.size()][];
        for (int c = 0; c < contests.size(); c++) {
            sums[c] = provParty[v][c][p];
            totals.add(totals(c, v, its, sums[c]));
        }
        Leaders leaders = leaders(v, its);
        List<PartyResult> lines = new ArrayList<>();
        for (int party = 0; party < parties.size(); party++) {
            PartyResult line = partyLine(party, sums, null, leaders);
            if (line.partyListVotes() > 0 || line.constituencyVotes() > 0 || line.constituencySeatsLed() > 0) {
                lines.add(line);
            }
        }
        lines.sort(Comparator.comparingInt(PartyResult::constituencySeatsLed).reversed()
                .thenComparing(Comparator.comparingLong(PartyResult::partyListVotes).reversed()));
        List<ConstituencyLine> cons = its.stream().map(k -> constituencyLine(k, v)).toList();
        ProvinceView pv = provinces.get(p);
        return Optional.of(new ProvinceResults(electionId, version, updatedAt, view == View.VERIFIED, pv.code(), pv.ectId(), pv.name(),
                totals, lines, cons));
    }

    Optional<ConstituencyResults> constituency(String code, View view) {
        Integer k = consByCode.get(code);
        if (k == null) {
            return Optional.empty();
        }
        int v = view.ordinal();
        List<ConstituencyContest> perContest = new ArrayList<>();
        for (int c = 0; c < contests.size(); c++) {
            long[] sums = consSums[v][c][k];
            ContestTotals totals = totals(c, v, List.of(k), sums);
            List<CandidateResult> candidateLines = new ArrayList<>();
            List<PartyVotes> partyLines = new ArrayList<>();
            if (contests.get(c).ballot() == BallotKind.CANDIDATE) {
                for (int b = 0; b <= maxBallot[c]; b++) {
                    CandidateView cv = candidates[c][k][b];
                    if (cv != null) {
                        candidateLines.add(new CandidateResult(b, cv.code(), cv.name(), cv.party() == null ? null : cv.party().code(),
                                cv.party() == null ? null : cv.party().name(), sums[VOTES + b], 0, share(sums[VOTES + b], sums[VALID])));
                    }
                }
                candidateLines = ranked(candidateLines);
            } else {
                for (int b = 0; b <= maxBallot[c]; b++) {
                    int party = partyOf[c][k][b];
                    if (party != noParty) {
                        PartyView pv = parties.get(party);
                        partyLines.add(new PartyVotes(pv.code(), b, pv.name(), sums[VOTES + b], share(sums[VOTES + b], sums[VALID])));
                    }
                }
                partyLines.sort(Comparator.comparingLong(PartyVotes::votes).reversed().thenComparingInt(PartyVotes::ballotNumber));
            }
            Leader leader = contests.get(c).ballot() == BallotKind.CANDIDATE ? leader(sums, c) : null;
            long outstanding = outstanding(v, c, k);
            perContest.add(new ConstituencyContest(contests.get(c).code(), totals, candidateLines, partyLines,
                    leader == null || leader.tied() ? null : leader.ballot(), leader == null ? 0 : leader.margin(),
                    leader != null && leader.tied(), outstanding, leader != null && decided(leader.margin(), leader.tied(), outstanding)));
        }
        ConstituencyView cv = constituencies.get(k);
        return Optional.of(new ConstituencyResults(electionId, version, updatedAt, view == View.VERIFIED, cv.code(), cv.number(),
                cv.province().code(), cv.province().name(), perContest));
    }

    Optional<List<StationContestResult>> station(long stationId, View view) {
        Integer s = stationIndex.get(stationId);
        if (s == null) {
            return Optional.empty();
        }
        List<StationContestResult> out = new ArrayList<>();
        for (int c = 0; c < contests.size(); c++) {
            Slot slot = slots[c][s];
            int[] n = slot == null ? null : slot.of(view);
            boolean provisional = slot != null && n != null && n != slot.verified;
            out.add(new StationContestResult(contests.get(c).code(), slot == null ? ContestState.NO_REPORT : slot.state,
                    slot == null ? 0 : slot.version, slot == null ? null : slot.verifiedAt,
                    n == null ? null : numbersView(c, n, slot.cameOf(view)), provisional, n != null && n == slot.verified && slot.asWritten));
        }
        return Optional.of(out);
    }

    /** Every station, one line per station and contest, for the CSV. */
    void eachStation(View view, StationLine line) {
        for (int s = 0; s < stationIds.length; s++) {
            ConstituencyView cv = constituencies.get(stationCons[s]);
            for (int c = 0; c < contests.size(); c++) {
                Slot slot = slots[c][s];
                int[] n = slot == null ? null : slot.of(view);
                line.accept(stationIds[s], cv.code(), cv.province().code(), stationRegistered[s], contests.get(c).code(),
                        slot == null ? ContestState.NO_REPORT : slot.state, slot == null ? 0 : slot.version, n, maxBallot[c],
                        slot != null && n != null && n != slot.verified, slot == null ? null : slot.cameOf(view),
                        slot != null && n != null && n == slot.verified && slot.asWritten);
            }
        }
    }

    interface StationLine {
        void accept(long stationId, String constituency, String province, int registered, String contest, ContestState state,
                int version, int[] numbers, int maxBallot, boolean provisional, Long votersCame, boolean asWritten);
    }

    private Numbers numbersView(int c, int[] n, Long votersCame) {
        Map<Integer, Long> votes = new java.util.TreeMap<>();
        for (int b = 0; b <= maxBallot[c]; b++) {
            if (n[VOTES + b] != 0) {
                votes.put(b, (long) n[VOTES + b]);
            }
        }
        return new Numbers(votes, n[VALID], n[INVALID], n[NO_VOTE], n[USED], votersCame);
    }

    private List<Integer> allConstituencies() {
        List<Integer> all = new ArrayList<>(constituencies.size());
        for (int k = 0; k < constituencies.size(); k++) {
            all.add(k);
        }
        return all;
    }

    private ContestTotals totals(int c, int v, List<Integer> its, long[] sums) {
        int stations = 0, rep = 0, fin = 0, ver = 0, cnt = 0;
        long registered = 0, regCounted = 0, came = 0;
        for (int k : its) {
            came += voters[v][c][k];
            stations += consStations[k];
            registered += consRegistered[k];
            rep += reporting[c][k];
            fin += finals[c][k];
            ver += verifiedCount[c][k];
            cnt += counted[v][c][k];
            regCounted += registeredCounted[v][c][k];
        }
        return new ContestTotals(contests.get(c).code(), registered, stations, rep, fin, ver, cnt, percent(cnt, stations), percent(ver, stations),
                regCounted, sums[USED], sums[VALID], sums[INVALID], sums[NO_VOTE], percent(came, regCounted), came);
    }

    private record Leader(int ballot, int party, long votes, long margin, boolean tied) {
    }

    /** The most votes; tied when the first two are equal. Null before any vote. */
    private Leader leader(long[] sums, int c) {
        int best = -1;
        long first = 0, second = 0;
        for (int b = 0; b <= maxBallot[c]; b++) {
            long x = sums[VOTES + b];
            if (x > first) {
                second = first;
                first = x;
                best = b;
            } else if (x > second) {
                second = x;
            }
        }
        if (best < 0) {
            return null;
        }
        return new Leader(best, -1, first, first - second, first == second);
    }

    private record Leaders(int[] ledByParty, int led, int tied, int independents, int of, int[] decidedByParty, int decided) {
    }

    private Leaders leaders(int v, List<Integer> its) {
        int[] led = new int[noParty + 1], decidedBy = new int[noParty + 1];
        int total = 0, tied = 0, independents = 0, decided = 0;
        if (constituencyRace >= 0) {
            for (int k : its) {
                Leader l = leader(consSums[v][constituencyRace][k], constituencyRace);
                if (l == null) {
                    continue;
                }
                if (l.tied()) {
                    tied++;
                    continue;
                }
                int party = partyOf[constituencyRace][k][l.ballot()];
                led[party]++;
                total++;
                if (decided(l.margin(), false, outstanding(v, constituencyRace, k))) {
                    decidedBy[party]++;
                    decided++;
                }
                if (party == noParty) {
                    independents++;
                }
            }
        }
        return new Leaders(led, total, tied, independents, constituencyRace >= 0 ? its.size() : 0, decidedBy, decided);
    }

    private LargestRemainder.Allocation<Integer> partyListSeats(int v) {
        if (partyList < 0) {
            return null;
        }
        Map<Integer, Long> votes = new HashMap<>();
        for (int p = 0; p < parties.size(); p++) {
            votes.put(p, natParty[v][partyList][VOTES + p]);
        }
        return LargestRemainder.allocate(contests.get(partyList).seats(), votes);
    }

    private PartyResult partyLine(int p, long[][] sums, LargestRemainder.Allocation<Integer> seats, Leaders leaders) {
        PartyView pv = parties.get(p);
        long listVotes = partyList >= 0 ? sums[partyList][VOTES + p] : 0;
        long raceVotes = constituencyRace >= 0 ? sums[constituencyRace][VOTES + p] : 0;
        int listSeats = seats == null ? 0 : seats.seats().getOrDefault(p, 0);
        int led = leaders.ledByParty()[p];
        return new PartyResult(pv.code(), pv.ballotNumber(), pv.name(), pv.abbreviation(), pv.colour(), listVotes, listSeats,
                raceVotes, led, listSeats + led, leaders.decidedByParty()[p]);
    }

    private Seats seatsOf(LargestRemainder.Allocation<Integer> seats, Leaders leaders) {
        int listSeats = partyList >= 0 ? contests.get(partyList).seats() : 0;
        return new Seats(listSeats, seats == null ? 0 : seats.undecided(),
                seats == null ? List.of() : seats.tied().stream().map(p -> parties.get(p).code()).toList(), leaders.of(), leaders.led(),
                leaders.tied(), leaders.independents(), leaders.decided());
    }

    private ConstituencyLine constituencyLine(int k, int v) {
        ConstituencyView cv = constituencies.get(k);
        String leaderParty = null;
        Integer leaderBallot = null;
        long margin = 0;
        boolean tied = false;
        int cnt = 0;
        long outstanding = 0;
        if (constituencyRace >= 0) {
            outstanding = outstanding(v, constituencyRace, k);
            Leader l = leader(consSums[v][constituencyRace][k], constituencyRace);
            if (l != null) {
                tied = l.tied();
                margin = l.margin();
                if (!tied) {
                    leaderBallot = l.ballot();
                    int party = partyOf[constituencyRace][k][l.ballot()];
                    leaderParty = party == noParty ? null : parties.get(party).code();
                }
            }
            cnt = counted[v][constituencyRace][k];
        }
        return new ConstituencyLine(cv.code(), cv.number(), consStations[k], cnt, percent(cnt, consStations[k]), leaderBallot, leaderParty,
                margin, tied, outstanding, leaderBallot != null && decided(margin, tied, outstanding));
    }

    private static List<CandidateResult> ranked(List<CandidateResult> lines) {
        List<CandidateResult> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(CandidateResult::votes).reversed().thenComparingInt(CandidateResult::ballotNumber));
        List<CandidateResult> out = new ArrayList<>(sorted.size());
        int rank = 0;
        long last = -1;
        for (int i = 0; i < sorted.size(); i++) {
            CandidateResult r = sorted.get(i);
            if (r.votes() != last) { // equal votes share a rank (1, 2, 2, 4)
                rank = i + 1;
                last = r.votes();
            }
            out.add(new CandidateResult(r.ballotNumber(), r.candidateId(), r.name(), r.partyId(), r.partyName(), r.votes(), rank, r.share()));
        }
        return out;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10000.0 * part / whole) / 100.0;
    }

    private static double share(long part, long whole) {
        return percent(part, whole);
    }
}

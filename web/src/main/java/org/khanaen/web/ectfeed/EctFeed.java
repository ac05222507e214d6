package org.khanaen.web.ectfeed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ContestView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.SeatRule;
import org.khanaen.elections.ect.EctFiles;
import org.khanaen.results.LiveResults;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The feed's files as bytes with their ETag (and gzip-compressed, once, when asked): the reference files made once per
 * import of the election, the results files once per version of its verified results, and at most once a
 * {@link #REBUILD_INTERVAL_NANOS second} however fast the versions come (a whole-election file takes some tens of
 * milliseconds; the CDN in front holds them for seconds anyway). The ETag is a hash of the bytes, so every application
 * node gives the same file the same ETag. Which files an election has: the reference files when it has provinces,
 * constituencies, parties; the candidate file and both results files only when it has the two contests they describe, a
 * constituency race and a party list. The files' shapes are the elections module's ({@link EctFiles}); here, which to
 * serve, when to make them again, and the verified results read for them.
 */
@Component
class EctFeed {

    /** The commission's file names, under the feed's base path. */
    enum File {
        INFO_PROVINCE("refs/info_province.json"), INFO_CONSTITUENCY("refs/info_constituency.json"),
        INFO_PARTY_OVERVIEW("refs/info_party_overview.json"), INFO_MP_CANDIDATE("refs/info_mp_candidate.json"),
        STATS_CONS("records/stats_cons.json"), STATS_PARTY("records/stats_party.json");

        final String path;

        File(String path) {
            this.path = path;
        }

        boolean reference() {
            return path.startsWith("refs/");
        }

        static Optional<File> of(String path) {
            return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
        }
    }

    /**
     * A file as made: its bytes, their ETag, when its numbers last changed (results files; null for the others), and
     * the same bytes gzip-compressed, made on the first request that accepts gzip and kept with the file (a results
     * file about a tenth the size: at most one compression per file made, not one per answer).
     */
    static final class Document {

        private final byte[] bytes;
        private final String etag;
        private final Instant lastModified;
        private volatile byte[] gzip;

        private Document(byte[] bytes, String etag, Instant lastModified) {
            this.bytes = bytes;
            this.etag = etag;
            this.lastModified = lastModified;
        }

        static Document of(byte[] bytes, Instant lastModified) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Document(bytes, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"",
                        lastModified);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] bytes() {
            return bytes;
        }

        String etag() {
            return etag;
        }

        Instant lastModified() {
            return lastModified;
        }

        /** The bytes gzip-compressed; the first caller makes them, callers meanwhile wait for them rather than make them again. */
        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                synchronized (this) {
                    g = gzip;
                    if (g == null) {
                        gzip = g = compress(bytes);
                    }
                }
            }
            return g;
        }

        /** The gzip representation's own strong ETag (the same hash, {@code -gz} inside the quotes): each revalidates on its own. */
        String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gz\"";
        }

        private static byte[] compress(byte[] bytes) {
            var out = new ByteArrayOutputStream(bytes.length / 8 + 64);
            try (var gz = new GZIPOutputStream(out, 64 * 1024)) {
                gz.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in memory: does not happen
            }
            return out.toByteArray();
        }
    }

    static final long REBUILD_INTERVAL_NANOS = 1_000_000_000L;
    /** How often a node asks whether the election was imported again (perhaps on another node): rare, and cheap to ask. */
    static final long IMPORT_CHECK_NANOS = 10_000_000_000L;

    /** An election's reference data as the feed needs it, read once per import. */
    private record Reference(EctFiles.Reference election, String race, String list, Map<File, Document> files, java.time.Instant importedAt,
            java.util.concurrent.atomic.AtomicLong checkedAt) {

        boolean general() {
            return race != null && list != null;
        }
    }

    private record Built(long version, long builtAt, Document document) {
    }

    private final ElectionCatalog catalog;
    private final LiveResults live;
    private final Map<String, Reference> references = new ConcurrentHashMap<>();
    private final Map<String, Built> built = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    EctFeed(ElectionCatalog catalog, LiveResults live) {
        this.catalog = catalog;
        this.live = live;
    }

    /** The file of an election; empty when there is no such election or the file does not apply to it. */
    Optional<Document> file(String electionId, File file) {
        Reference known = current(electionId); // known without asking the database: this is every request's path
        if (known == null && !catalog.exists(electionId)) {
            return Optional.empty();
        }
        Reference ref = known != null ? known : references.computeIfAbsent(electionId, this::reference);
        return switch (file) {
            case INFO_PROVINCE -> ref.election().provinces().isEmpty() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file, f -> Document.of(EctFiles.infoProvince(ref.election().provinces()), null)));
            case INFO_CONSTITUENCY -> ref.election().constituencies().isEmpty() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file,
                            f -> Document.of(EctFiles.infoConstituency(ref.election().constituencies()), null)));
            case INFO_PARTY_OVERVIEW -> ref.election().parties().isEmpty() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file, f -> Document.of(EctFiles.infoPartyOverview(ref.election().parties()), null)));
            case INFO_MP_CANDIDATE -> !ref.general() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file,
                            f -> Document.of(EctFiles.infoMpCandidate(ref.election().raceCandidates()), null)));
            case STATS_CONS, STATS_PARTY -> !ref.general() ? Optional.empty() : results(electionId, file, ref);
        };
    }

    /** The reference files as made, or null once the election was imported again since (on any node). */
    private Reference current(String electionId) {
        Reference known = references.get(electionId);
        if (known == null) {
            return null;
        }
        long now = System.nanoTime(), checked = known.checkedAt().get();
        if (now - checked < IMPORT_CHECK_NANOS || !known.checkedAt().compareAndSet(checked, now)) {
            return known;
        }
        if (!java.util.Objects.equals(catalog.importedAt(electionId).orElse(null), known.importedAt())) {
            references.remove(electionId, known);
            built.keySet().removeIf(k -> k.startsWith(electionId + "|"));
            return null;
        }
        return known;
    }

    @EventListener
    void on(ElectionImported imported) {
        references.remove(imported.electionId());
        built.keySet().removeIf(k -> k.startsWith(imported.electionId() + "|"));
    }

    private Optional<Document> results(String electionId, File file, Reference ref) {
        String key = electionId + "|" + file;
        long version = live.version(electionId);
        Built b = built.get(key);
        if (b != null && (b.version() == version || System.nanoTime() - b.builtAt() < REBUILD_INTERVAL_NANOS)) {
            return Optional.of(b.document());
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) { // one build at a time per file; the others wait for it rather than build it again
            b = built.get(key);
            if (b != null && (b.version() == live.version(electionId) || System.nanoTime() - b.builtAt() < REBUILD_INTERVAL_NANOS)) {
                return Optional.of(b.document());
            }
            Optional<LiveResults.ElectionResults> all = live.all(electionId, LiveResults.View.VERIFIED);
            if (all.isEmpty()) {
                return Optional.empty();
            }
            EctFiles.Results counts = counts(all.get(), ref.race(), ref.list());
            byte[] bytes = file == File.STATS_CONS ? EctFiles.statsCons(counts, ref.election()) : EctFiles.statsParty(counts, ref.election());
            Document d = Document.of(bytes, all.get().national().updatedAt());
            built.put(key, new Built(all.get().national().version(), System.nanoTime(), d));
            return Optional.of(d);
        }
    }

    private Reference reference(String electionId) {
        java.time.Instant importedAt = catalog.importedAt(electionId).orElse(null);
        List<ContestView> contests = catalog.contests(electionId);
        String race = contests.stream().filter(c -> c.ballot() == BallotKind.CANDIDATE && c.scope() == ContestScope.CONSTITUENCY
                && c.seatRule() == SeatRule.PLURALITY).map(ContestView::code).findFirst().orElse(null);
        String list = contests.stream().filter(c -> c.ballot() == BallotKind.PARTY && c.seatRule() == SeatRule.LARGEST_REMAINDER)
                .map(ContestView::code).findFirst().orElse(null);
        List<CandidateView> raceCandidates = race == null ? List.of()
                : catalog.candidates(electionId).stream().filter(c -> c.contest().equals(race) && c.constituency() != null).toList();
        var election = new EctFiles.Reference(catalog.provinces(electionId), catalog.constituencies(electionId, Optional.empty()),
                catalog.parties(electionId), raceCandidates);
        return new Reference(election, race, list, new ConcurrentHashMap<>(), importedAt, new java.util.concurrent.atomic.AtomicLong(System.nanoTime()));
    }

    /** The verified results as the files count them: the race's and the list's totals, parties and candidates. */
    static EctFiles.Results counts(LiveResults.ElectionResults all, String race, String list) {
        LiveResults.NationalResults nation = all.national();
        var projection = nation.projection();
        return new EctFiles.Results(nation.updatedAt(), place(null, nation.contests(), nation.parties(), race, list),
                new EctFiles.Projection(projection.shown(), projection.fromPercent(), projection.percentCounted()),
                all.provinces().stream().map(p -> place(p.code(), p.contests(), p.parties(), race, list)).toList(),
                all.constituencies().stream().map(c -> constituency(c, race, list)).toList());
    }

    private static EctFiles.Place place(String code, List<LiveResults.ContestTotals> contests, List<LiveResults.PartyResult> parties,
            String race, String list) {
        return new EctFiles.Place(code, totals(contest(contests, race)), totals(contest(contests, list)), parties.stream()
                .map(p -> new EctFiles.PartyFigures(p.partyId(), p.partyListVotes(), p.partyListSeats(), p.constituencyVotes(),
                        p.constituencySeatsLed(), p.constituencySeatsDecided()))
                .toList());
    }

    private static EctFiles.Constituency constituency(LiveResults.ConstituencyResults c, String race, String list) {
        LiveResults.ConstituencyContest r = contest(c, race), l = contest(c, list);
        return new EctFiles.Constituency(c.code(), totals(r.totals()), totals(l.totals()), r.totals().stations(), r.totals().stationsCounted(),
                r.candidates().stream().map(x -> new EctFiles.CandidateVotes(x.candidateId(), x.partyId(), x.votes())).toList(),
                l.parties().stream().map(x -> new EctFiles.PartyVotes(x.partyId(), x.ballotNumber(), x.votes())).toList());
    }

    private static EctFiles.Totals totals(LiveResults.ContestTotals t) {
        return new EctFiles.Totals(t.voters(), t.valid(), t.invalid(), t.noVote());
    }

    private static LiveResults.ContestTotals contest(List<LiveResults.ContestTotals> totals, String code) {
        return totals.stream().filter(t -> t.contest().equals(code)).findFirst().orElseThrow();
    }

    private static LiveResults.ConstituencyContest contest(LiveResults.ConstituencyResults c, String code) {
        return c.contests().stream().filter(x -> x.contest().equals(code)).findFirst().orElseThrow();
    }
}

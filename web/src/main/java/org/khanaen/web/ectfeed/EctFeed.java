package org.khanaen.web.ectfeed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ContestView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceView;
import org.khanaen.elections.SeatRule;
import org.khanaen.results.LiveResults;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The feed's files as bytes with their ETag: the reference files made once per import of the election, the results
 * files once per version of its verified results, and at most once a {@link #REBUILD_INTERVAL_NANOS second} however
 * fast the versions come (a whole-election file takes some tens of milliseconds; the CDN in front holds them for
 * seconds anyway). The ETag is a hash of the bytes, so every application node gives the same file the same ETag.
 * Which files an election has: the reference files when it has provinces, constituencies, parties; the candidate
 * file and both results files only when it has the two contests they describe, a constituency race and a party list.
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

    /** @param lastModified when its numbers last changed (results files), or null */
    record Document(byte[] bytes, String etag, Instant lastModified) {

        static Document of(byte[] bytes, Instant lastModified) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Document(bytes, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"",
                        lastModified);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final long REBUILD_INTERVAL_NANOS = 1_000_000_000L;
    /** How often a node asks whether the election was imported again (perhaps on another node): rare, and cheap to ask. */
    static final long IMPORT_CHECK_NANOS = 10_000_000_000L;

    /** An election's reference data as the feed needs it, read once per import. */
    private record Reference(List<ProvinceView> provinces, List<ConstituencyView> constituencies, List<PartyView> parties,
            String race, String list, List<CandidateView> raceCandidates, Map<File, Document> files, java.time.Instant importedAt,
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
            case INFO_PROVINCE -> ref.provinces().isEmpty() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file, f -> Document.of(EctRefs.provinces(ref.provinces()), null)));
            case INFO_CONSTITUENCY -> ref.constituencies().isEmpty() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file, f -> Document.of(EctRefs.constituencies(ref.constituencies()), null)));
            case INFO_PARTY_OVERVIEW -> ref.parties().isEmpty() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file, f -> Document.of(EctRefs.parties(ref.parties()), null)));
            case INFO_MP_CANDIDATE -> !ref.general() ? Optional.empty()
                    : Optional.of(ref.files().computeIfAbsent(file, f -> Document.of(EctRefs.candidates(ref.raceCandidates()), null)));
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
            EctRecords records = new EctRecords(all.get(), ref.race(), ref.list(), ref.provinces(), ref.constituencies(), ref.parties(),
                    ref.raceCandidates());
            byte[] bytes = file == File.STATS_CONS ? records.statsCons() : records.statsParty();
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
        return new Reference(catalog.provinces(electionId), catalog.constituencies(electionId, Optional.empty()), catalog.parties(electionId),
                race, list, raceCandidates, new ConcurrentHashMap<>(), importedAt, new java.util.concurrent.atomic.AtomicLong(System.nanoTime()));
    }
}

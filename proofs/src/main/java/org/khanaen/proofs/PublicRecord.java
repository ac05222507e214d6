package org.khanaen.proofs;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The public record's face: a station's verification (its published numbers, every report and decision with its hash,
 * proof and anchoring, and what no longer matches), the open-data export of an election, and a round on demand (the
 * close of the night). docs/public-record.md.
 */
@Service
public class PublicRecord {

    public record Station(String electionId, long id, String code, String nameTh, String nameEn, int registeredVoters) {
    }

    /** A contest's numbers as published now (version 0: none verified yet). */
    public record Published(String contest, String state, int version, String votes, Long valid, Long invalid, Long noVote,
            Long ballotsUsed, Instant verifiedAt) {
    }

    public record Field(String key, String value) {
    }

    /** A tree and where its root stands on chain. */
    public record Tree(long id, int size, String root, boolean anchored, String txHash, Long block, Instant anchoredAt) {
    }

    public enum Status {
        /** As stored now, it hashes to its leaf, and the leaf's proof leads to its tree's root. */
        MATCHES,
        /** Stored now, it differs from its anchored record (see the findings). */
        DIFFERS,
        /** Stored after the last round: its leaf comes with the next one. */
        NOT_YET_RECORDED,
        /** Anchored, but no longer stored. */
        MISSING
    }

    /**
     * A report or a decision.
     *
     * @param header   the encoding's first line ({@code khanaen-report-v1})
     * @param now      its fields as stored now, in the encoding's order (empty when it is missing)
     * @param anchored the text that was hashed into its leaf (null before it has one)
     * @param proof    the inclusion proof, sibling hashes from the leaf up (RFC 6962 PATH)
     */
    public record Item(String kind, long id, String contest, Status status, String header, List<Field> now, String anchored, String leafHash,
            Integer leafIndex, Tree tree, List<String> proof) {
    }

    public record Photo(long id, long reportId, String kind, String sha256) {
    }

    /**
     * @param contract the contract holding the roots ({@code anchoredIn(bytes32)}); null while no chain is configured
     */
    public record Verification(Station station, List<Published> published, List<Item> items, List<Photo> photos, List<Finding> findings,
            String contract) {
    }

    private final StationVerifications verifications;
    private final OpenDataExport export;
    private final Rounds rounds;

    PublicRecord(StationVerifications verifications, OpenDataExport export, Rounds rounds) {
        this.verifications = verifications;
        this.export = export;
        this.rounds = rounds;
    }

    /** A station by its id or its code (e.g. BKK_1-007); empty when the election has no such station. */
    public Optional<Verification> station(String electionId, String idOrCode) {
        return verifications.of(electionId, idOrCode);
    }

    /** Writes the election's open-data zip (docs/public-record.md has its layout); false when there is no such election. */
    public boolean export(String electionId, OutputStream out) throws IOException {
        return export.write(electionId, out);
    }

    /** Whether a report names this photo: only those are shown to the public. */
    public boolean isPublic(long photoId) {
        return verifications.photoOfAReport(photoId);
    }

    /** A round now, e.g. at the close of the night: the new entries' tree, its root queued for the chain. */
    public Optional<Tree> roundNow() {
        return rounds.run(true).map(t -> new Tree(t.id(), t.size(), t.root(), false, null, null, null));
    }
}

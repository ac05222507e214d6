package org.khanaen.proofs;

import java.util.List;

/**
 * Something that does not match the anchored record. One finding per thing changed: a report's numbers (all its
 * changed fields in one finding), a photo (once, however many reports name it), a decision, the published numbers of a
 * contest, an entry that disappeared, a kept record that no longer hashes to its leaf.
 *
 * @param kind    what changed
 * @param subject what it is about, e.g. "report 12", "photo 40", "contest 7/constituency"
 * @param changes each changed field: its anchored value and its value now
 */
public record Finding(Kind kind, String subject, List<Change> changes) {

    public enum Kind {
        /** A stored report's numbers, flags or time differ from the anchored ones. */
        REPORT_CHANGED,
        /** A photo named by a report is not the anchored one (another hash, or gone). */
        PHOTO_CHANGED,
        /** A decision (a verification step) differs from the anchored one. */
        DECISION_CHANGED,
        /** The published numbers of a contest are not those of the anchored decision that made them. */
        PUBLISHED_CHANGED,
        /** An anchored report or decision is no longer stored. */
        ENTRY_MISSING,
        /** The record kept for a leaf no longer hashes to it, or its proof does not lead to its tree's root. */
        RECORD_ALTERED,
        /** A tree's root is not on chain as the record says (checked against the chain by the export's verifier). */
        ROOT_NOT_ON_CHAIN
    }

    public record Change(String field, String anchored, String now) {
    }

    public Finding {
        changes = List.copyOf(changes);
    }
}

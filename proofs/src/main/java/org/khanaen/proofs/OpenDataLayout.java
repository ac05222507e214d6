package org.khanaen.proofs;

import java.util.List;

/**
 * The open-data zip's layout and data dictionary, in one place: the export writes these tables with these columns in
 * this order, every time; the README and data-dictionary.json inside the zip are made from it, and the offline
 * verifier reads by these names. Nothing personal is among the columns: people appear only as pseudonyms.
 */
final class OpenDataLayout {

    record Column(String name, String description) {
    }

    record Table(String name, String description, List<Column> columns) {

        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }
    }

    private static Column c(String name, String description) {
        return new Column(name, description);
    }

    private static final List<Column> NUMBERS = List.of(
            c("votes", "votes per ballot number, \"number=votes\" pairs in number order joined by ';', e.g. 1=120;2=90"),
            c("valid", "valid ballots"), c("invalid", "invalid ballots (บัตรเสีย)"), c("no_vote", "no-vote ballots (ไม่เลือกผู้ใด)"),
            c("ballots_used", "ballots used"));

    static final Table STATIONS = new Table("stations", "The election's polling stations.", List.of(
            c("station", "the station's id (the API's stationId)"), c("code", "the station's stable code, e.g. BKK_1-007"),
            c("constituency", "constituency code"), c("province", "province code"), c("district", "district (amphoe)"),
            c("number", "the station's number in its area"), c("name_th", "place name, Thai"), c("name_en", "place name, English"),
            c("registered_voters", "registered voters at the station")));

    static final Table CONTESTS = new Table("contests", "Each station's contests as published now: the verified numbers (version 0: none yet).",
            concat(List.of(c("station", "station id"), c("contest", "contest code, e.g. constituency, party_list"),
                    c("state", "NO_REPORT, PARTIAL, FINAL, CONFLICT or VERIFIED"), c("version", "the verified numbers' version: 1, then each correction")),
                    NUMBERS, List.of(c("verified_at", "when these numbers were verified (UTC)"))));

    /** A report's columns are its entry's fields (the canonical encoding's keys), its photos folded into one. */
    static final Table REPORTS = new Table("reports", "Every station count report as stored (partial and final, from each reporter).",
            concat(List.of(c("election", "election id"), c("station", "station id"), c("contest", "contest code"), c("report", "the report's id"),
                    c("final", "true: a final count; false: a running tally")), NUMBERS,
                    List.of(c("voters_came", "voters who came, from the count form (empty: not given)"),
                            c("ballots_received", "ballots the station received (empty: not given)"),
                            c("ballots_left", "ballots left unused (empty: not given)"),
                            c("warnings", "codes of the warnings the reporter confirmed, comma-separated"),
                            c("as_written", "codes of the count form's sums that do not add up, reported as written"),
                            c("submitted_at", "when it was stored (UTC, microseconds)"),
                            c("submitter", "the reporter's pseudonym: HMAC of their id under the coalition's secret; the same person, the same pseudonym"),
                            c("photos", "the report's photos, \"id:kind:sha256\" separated by spaces, by photo id"))));

    static final Table DECISIONS = new Table("decisions", "Every decision on a station's contest (the verification history), never changed.",
            concat(List.of(c("election", "election id"), c("station", "station id"), c("contest", "contest code"), c("decision", "the decision's id"),
                    c("version", "the version it made the published numbers (empty: none, e.g. a rejection)"),
                    c("action", "AGREEMENT, LEAD_CONFIRMED, APPROVED, CORRECTED, REJECTED or REOPENED"),
                    c("report", "the report it concerns (empty: none)")), NUMBERS,
                    List.of(c("voters_came", "voters who came"), c("ballots_received", "ballots received"), c("ballots_left", "ballots left"),
                            c("taken_at", "when (UTC, microseconds)"), c("verifier", "the verifier's pseudonym (see submitter)"))));

    static final Table PHOTOS = new Table("photos", "The photos each report names: their SHA-256 (the photo's bytes), not the photos.", List.of(
            c("photo", "photo id"), c("report", "report id"), c("kind", "TALLY_BOARD, COUNT_FORM or STATION_SIGN"),
            c("sha256", "SHA-256 of the photo's bytes, hex")));

    static final Table LEAVES = new Table("leaves", "Each report and decision as anchored: the exact text hashed, its leaf and its inclusion proof.",
            List.of(c("kind", "REPORT or DECISION"), c("id", "the report's or decision's id"), c("tree", "the tree it is in"),
                    c("leaf_index", "its position in the tree, from 0"), c("leaf_hash", "SHA-256(0x00 || record), hex (RFC 6962 leaf hash)"),
                    c("record", "the canonical text that was hashed (docs/public-record.md), UTF-8, lines ending in a line feed"),
                    c("proof", "the RFC 6962 inclusion proof: sibling hashes from the leaf up, hex, separated by spaces")));

    static final Table TREES = new Table("trees", "The Merkle trees (RFC 6962, SHA-256), one per round, and where each root was anchored.", List.of(
            c("tree", "tree id"), c("size", "number of leaves (of every election: proofs need them all)"), c("root", "the tree's root, hex"),
            c("anchored", "true once the root is in a block"), c("block", "the block that holds it"),
            c("tx_hash", "the anchoring transaction (empty when it was settled after a crash: ask the contract)"),
            c("contract", "the contract whose anchoredIn(root) gives that block")));

    /** In the zip's order. */
    static final List<Table> TABLES = List.of(STATIONS, CONTESTS, REPORTS, DECISIONS, PHOTOS, LEAVES, TREES);

    @SafeVarargs
    private static List<Column> concat(List<Column>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private OpenDataLayout() {
    }
}

package org.khanaen.proofs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the public record, in its canonical encoding (docs/public-record.md): a first line naming the kind and
 * the encoding's version, then one {@code key=value} line per field in a fixed order, each ending in a line feed,
 * UTF-8. Values are codes, numbers, hex hashes and times, never free text, so no value holds a line break. The leaf
 * of the Merkle tree is this text, hashed as RFC 6962 hashes a leaf.
 *
 * @param kind    REPORT (a station report as stored) or DECISION (a step of the station contest's verification)
 * @param id      the report's or the decision's id
 * @param fields  in the encoding's order; a report's photos are its last fields, one {@code photo} line each
 */
record Entry(Kind kind, long id, String electionId, long stationId, String contest, List<Field> fields) {

    enum Kind {
        REPORT("khanaen-report-v1"), DECISION("khanaen-decision-v1");

        final String header;

        Kind(String header) {
            this.header = header;
        }
    }

    record Field(String key, String value) {
    }

    /** Times in the record: UTC, to the microsecond, always the same width. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    Entry {
        fields = List.copyOf(fields);
        for (Field f : fields) {
            if (f.value().indexOf('\n') >= 0 || f.value().indexOf('\r') >= 0 || f.key().indexOf('=') >= 0) {
                throw new IllegalArgumentException("no line breaks in a record's value: " + f.key());
            }
        }
    }

    String text() {
        StringBuilder s = new StringBuilder(kind.header).append('\n');
        for (Field f : fields) {
            s.append(f.key()).append('=').append(f.value()).append('\n');
        }
        return s.toString();
    }

    byte[] leafHash() {
        return MerkleTree.leafHash(text().getBytes(StandardCharsets.UTF_8));
    }

    String leafHex() {
        return MerkleTree.hex(leafHash());
    }

    /** The entry a stored text encodes (the anchored one, read back). */
    static List<Field> fieldsOf(String text) {
        List<Field> fields = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int eq = lines[i].indexOf('=');
            fields.add(new Field(lines[i].substring(0, eq), lines[i].substring(eq + 1)));
        }
        return fields;
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String value(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Builds the fields in order. */
    static final class Fields {
        private final List<Field> list = new ArrayList<>();

        Fields add(String key, Object value) {
            list.add(new Field(key, value instanceof Instant at ? time(at) : value(value)));
            return this;
        }

        List<Field> list() {
            return list;
        }
    }
}

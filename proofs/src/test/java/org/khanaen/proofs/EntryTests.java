package org.khanaen.proofs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EntryTests {

    private static Entry report(String valid, String... photos) {
        Entry.Fields f = new Entry.Fields().add("election", "th-2566").add("station", 7L).add("report", 12L).add("valid", valid)
                .add("voters_came", null).add("submitted_at", Instant.parse("2026-12-07T08:31:00Z"));
        for (String p : photos) {
            f.add("photo", p);
        }
        return new Entry(Entry.Kind.REPORT, 12, "th-2566", 7, "constituency", f.list());
    }

    @Test
    void theTextIsItsKindsLineThenOneKeyValueLinePerFieldEachEndingInALineFeed() {
        Entry e = report("500", "40:COUNT_FORM:" + "ab".repeat(32));
        assertThat(e.text()).isEqualTo("""
                khanaen-report-v1
                election=th-2566
                station=7
                report=12
                valid=500
                voters_came=
                submitted_at=2026-12-07T08:31:00.000000Z
                photo=40:COUNT_FORM:%s
                """.formatted("ab".repeat(32)));
        assertThat(e.leafHash()).isEqualTo(MerkleTree.leafHash(e.text().getBytes(StandardCharsets.UTF_8)));
        assertThat(Entry.fieldsOf(e.text())).isEqualTo(e.fields());
    }

    @Test
    void aValueWithALineBreakIsRefusedSoNoTextCanPassForAnother() {
        assertThatThrownBy(() -> report("500\nvalid=600")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReportsChangedNumbersAreOneFindingAndAPhotoNamedByTwoReportsIsOne() {
        String photo = "40:COUNT_FORM:" + "ab".repeat(32);
        String swapped = "40:COUNT_FORM:" + "cd".repeat(32);
        Comparison c = new Comparison();
        c.compare(Entry.Kind.REPORT, 12, report("500", photo).text(), report("510", swapped));
        c.compare(Entry.Kind.REPORT, 13, report("500", photo).text(), report("500", swapped));

        assertThat(c.findings()).extracting(Finding::kind, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.REPORT_CHANGED, "report 12"),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.PHOTO_CHANGED, "photo 40"));
        assertThat(c.findings().getFirst().changes()).containsExactly(new Finding.Change("valid", "500", "510"));
        assertThat(c.findings().get(1).changes()).containsExactly(new Finding.Change("photo", "COUNT_FORM:" + "ab".repeat(32),
                "COUNT_FORM:" + "cd".repeat(32)));
    }

    @Test
    void anEntryNoLongerStoredIsMissingAndOneStillAsAnchoredIsNoFinding() {
        Comparison c = new Comparison();
        c.compare(Entry.Kind.REPORT, 12, report("500").text(), report("500"));
        c.compare(Entry.Kind.DECISION, 9, "khanaen-decision-v1\nvalid=1\n", null);
        assertThat(c.findings()).containsExactly(new Finding(Finding.Kind.ENTRY_MISSING, "decision 9", List.of()));
    }
}

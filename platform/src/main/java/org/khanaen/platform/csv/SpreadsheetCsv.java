package org.khanaen.platform.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one way Khanaen writes CSV for people to open in a spreadsheet: Excel's quoting and CRLF, and
 * every text cell that a spreadsheet would run as a formula neutralised. Names, messages and notes
 * come from the public (a donor may call themselves {@code =HYPERLINK(...)}), so no export writes
 * CSV its own way.
 */
public final class SpreadsheetCsv {

    /** A plain number (a refund's {@code -100.00}) is data to Excel, not a formula: it stays as it is. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final CSVPrinter printer;

    private SpreadsheetCsv(CSVPrinter printer) {
        this.printer = printer;
    }

    /**
     * Starts a CSV on the caller's writer (never closed here: an HTTP response closes its own stream).
     *
     * @param byteOrderMark write UTF-8's byte-order mark first, so that Excel opens Thai text right
     */
    public static SpreadsheetCsv open(Writer out, boolean byteOrderMark, String... header) {
        try {
            if (byteOrderMark) {
                out.write('\uFEFF');
            }
            return new SpreadsheetCsv(new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(header).get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row; text cells neutralised, numbers and other values written as they print. */
    public void row(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = cells[i] instanceof CharSequence text ? neutralise(text.toString()) : cells[i];
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell starting with {@code = + - @}, a tab or a carriage return would be a formula (or start one)
     * in Excel, LibreOffice and Google Sheets: an apostrophe in front makes it text (OWASP's advice).
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty() || PLAIN_NUMBER.matcher(value).matches()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}

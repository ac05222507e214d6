package org.khanaen.elections.ect;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.core.util.Separators.Spacing;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The commission's files as it wrote them, byte for byte where the values agree: each file has its own layout (the
 * province file indented by four with CRLF line ends, the party file indented by four with a byte-order mark, the
 * constituency file without a space, the candidate file with Python's default separators, the results files
 * indented by one), and some counts are written as floats ({@code 38275.0}) and percentages rounded to 5 decimals.
 * Maps are written in their own order, so a {@code LinkedHashMap} gives the original field order.
 */
final class EctJson {

    /** The layouts of the commission's files. */
    enum Layout {
        INDENT_4_CRLF(pretty("    ", "\r\n"), false),
        INDENT_4_WITH_BOM(pretty("    ", "\n"), true),
        COMPACT(inline(Spacing.NONE), false),
        PYTHON_INLINE(inline(Spacing.AFTER), false),
        INDENT_1(pretty(" ", "\n"), false);

        private final DefaultPrettyPrinter printer;
        private final boolean bom;

        Layout(DefaultPrettyPrinter printer, boolean bom) {
            this.printer = printer;
            this.bom = bom;
        }
    }

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    // A mapper of its own: the application's settings (e.g. leaving out nulls) must not change these files.
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EctJson() {
    }

    static byte[] write(Object document, Layout layout) {
        ObjectWriter writer = MAPPER.writer().with(layout.printer);
        if (!layout.bom) {
            return writer.writeValueAsBytes(document);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        writer.writeValue(out, document);
        return out.toByteArray();
    }

    /** A count the commission wrote as a float: {@code 38275.0} (never {@code 3.8275E4}, as a Java double would be for large ones). */
    static RawValue floatCount(long n) {
        return new RawValue(n + ".0");
    }

    /**
     * {@code part} as a percentage of {@code whole}, rounded half-even to 5 decimals and written as Python writes such a
     * float: {@code 72.60136}, {@code 1.202}, {@code 100.0}; {@code 0.0} when the whole is 0.
     */
    static RawValue percent(long part, long whole) {
        if (whole == 0) {
            return new RawValue("0.0");
        }
        BigDecimal p = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 5, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return new RawValue(p.setScale(Math.max(1, p.scale())).toPlainString());
    }

    /** The commission's ids are numbers in its results files: a numeric code as a number, any other as text. */
    static Object id(String code) {
        return numeric(code) ? Long.parseLong(code) : code;
    }

    /** 1 to 18 ASCII digits; by hand, not a regex: a whole-election file asks it ~100,000 times (a fifth of its making). */
    private static boolean numeric(String code) {
        if (code == null || code.isEmpty() || code.length() > 18) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static DefaultPrettyPrinter pretty(String indent, String eol) {
        Separators separators = Separators.createDefaultInstance().withObjectNameValueSpacing(Spacing.AFTER).withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(new DefaultIndenter(indent, eol))
                .withArrayIndenter(new DefaultIndenter(indent, eol));
    }

    private static DefaultPrettyPrinter inline(Spacing spacing) {
        Separators separators = new Separators("", ':', spacing, ',', spacing, "", ',', spacing, "");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
                .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter());
    }
}

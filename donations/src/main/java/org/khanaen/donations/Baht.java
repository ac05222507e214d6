package org.khanaen.donations;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Money as Thai people write it: ฿1,234.00 (satang always shown), -฿50.00 for money out. */
public final class Baht {

    /** Satang per baht. */
    public static final long SATANG = 100;

    /** 500, 1,000, 1000.5, 250.50: digits with optional thousands commas, at most two decimals. */
    private static final Pattern TYPED = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d{1,2})?|\\d{1,12}(\\.\\d{1,2})?");

    private Baht() {
    }

    /** Baht as a person types them (a ฿ sign and spaces allowed), in satang; empty when it is not an amount. */
    public static OptionalLong parse(String typed) {
        String value = typed == null ? "" : typed.replace("฿", "").strip();
        if (value.length() > 20 || !TYPED.matcher(value).matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(new BigDecimal(value.replace(",", "")).movePointRight(2).longValueExact());
    }

    public static String format(long satang) {
        // a new format each time: DecimalFormat is not thread-safe, and this is cheap next to a page
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String digits = format.format(BigDecimal.valueOf(Math.abs(satang), 2));
        return (satang < 0 ? "-฿" : "฿") + digits;
    }

    /** 1234.00: for CSV, where a spreadsheet must read it as a number. */
    public static String plain(long satang) {
        return BigDecimal.valueOf(satang, 2).toPlainString();
    }

    public static long satang(long baht) {
        return Math.multiplyExact(baht, SATANG);
    }
}

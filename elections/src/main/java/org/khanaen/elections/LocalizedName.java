package org.khanaen.elections;

import java.util.Locale;

public record LocalizedName(String th, String en) {

    /** Thai unless English is asked for and known. */
    public String in(Locale locale) {
        return "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : th;
    }
}

package org.khanaen.platform.mail;

import java.util.List;
import java.util.Locale;

/**
 * How a letter addresses a person. In Thai a name is preceded by คุณ, unless the person wrote a title of their own
 * (คุณ, นาย, นางสาว, ดร. …): "เรียน คุณคุณแก้ว" reads as a mistake. Other languages take the name as written.
 */
public final class PoliteName {

    /** Titles people write before their name, longest first where one begins another. */
    private static final List<String> TITLES = List.of("คุณ", "นางสาว", "นาง", "นาย", "น.ส.", "ด.ช.", "ด.ญ.", "เด็กชาย", "เด็กหญิง", "ดร.",
            "ศ.", "รศ.", "ผศ.", "อ.", "อาจารย์", "พระ", "พล.", "พ.ต.", "พ.ท.", "พ.อ.", "ร.ต.", "ร.ท.", "ร.อ.", "จ.ส.", "ว่าที่", "หม่อม",
            "ม.ร.ว.", "ม.ล.", "Mr", "Ms", "Mrs", "Miss", "Dr");

    private PoliteName() {
    }

    public static String of(String name, Locale locale) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String n = name.strip();
        if (!"th".equals(locale == null ? null : locale.getLanguage())) {
            return n;
        }
        for (String title : TITLES) {
            if (n.regionMatches(true, 0, title, 0, title.length())) {
                return n;
            }
        }
        return "คุณ" + n;
    }
}

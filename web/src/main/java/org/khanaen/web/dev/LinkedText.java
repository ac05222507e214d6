package org.khanaen.web.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of a mail's plain text, either words or a web address to show as a link: the text version of a
 * verification mail, clickable. Only http and https become links.
 */
record LinkedText(String text, boolean link) {

    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s<>\"']+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]";

    static List<LinkedText> of(String text) {
        List<LinkedText> parts = new ArrayList<>();
        Matcher address = ADDRESS.matcher(text);
        int from = 0;
        while (address.find()) {
            int end = address.end();
            while (end > address.start() && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
                end--; // "see https://example.org." ends the sentence, not the address
            }
            if (address.start() > from) {
                parts.add(new LinkedText(text.substring(from, address.start()), false));
            }
            parts.add(new LinkedText(text.substring(address.start(), end), true));
            from = end;
        }
        if (from < text.length()) {
            parts.add(new LinkedText(text.substring(from), false));
        }
        return parts;
    }
}

package org.khanaen.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * Passwords that guessing tools try first (NIST SP 800-63B asks to refuse them): one of the 30,000 most common
 * passwords of leaked sets (zxcvbn's list, a Maven Central artifact), such a password with digits or symbols around it
 * ({@code password1234}, {@code Dragon2026!}), or one with no letter that zxcvbn guesses in fewer than 10^10 tries
 * ({@code 123456789012}). Spring-free.
 */
final class CommonPasswords {

    /** Fewer guesses than this, for a password without letters, is a pattern (a run, a repeat, a date), not a secret. */
    private static final double MIN_GUESSES_LOG10_WITHOUT_LETTERS = 10;

    private CommonPasswords() {
    }

    /** Loaded once, on the first password checked (30,000 words). */
    private static final class Ranked {
        static final Map<String, Integer> RANKED = load();

        private static Map<String, Integer> load() {
            try {
                return StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary();
            } catch (IOException e) {
                throw new UncheckedIOException("zxcvbn's password list is missing from the classpath", e);
            }
        }
    }

    static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (Ranked.RANKED.containsKey(lower)) {
            return true;
        }
        // the word inside what people add to meet a length rule: digits, years, punctuation before or after it
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (!core.isEmpty()) {
            return Ranked.RANKED.containsKey(core);
        }
        return new Zxcvbn().measure(password).getGuessesLog10() < MIN_GUESSES_LOG10_WITHOUT_LETTERS;
    }
}

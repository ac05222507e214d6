package org.khanaen.web.browser;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * How a journey is seen: a screen size and a language. The four combinations are every journey's
 * parameters ({@code @MethodSource("org.khanaen.web.browser.Look#all")}); its name, e.g. {@code phone-th},
 * goes into the screenshots' names.
 */
public record Look(Size size, Language language) {

    public static final Look PHONE_THAI = new Look(Size.PHONE, Language.THAI);

    /** A phone as most volunteers have (390 × 844 CSS pixels, an iPhone 12 to 15), and a common laptop screen. */
    public enum Size {
        PHONE(390, 844), DESKTOP(1366, 900);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }

        public int width() {
            return width;
        }
    }

    /** Thai is everyone's language unless they choose English (the app's {@code khanaen-lang} cookie). */
    public enum Language {
        THAI("th"), ENGLISH("en");

        final String tag;

        Language(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** The four combinations, the phone in Thai first: what most volunteers will see. */
    public static Stream<Look> all() {
        return Stream.of(Size.values()).flatMap(size -> Stream.of(Language.values()).map(language -> new Look(size, language)));
    }

    /** All but the phone in Thai: for the key pages of a long journey that runs in full on the phone in Thai. */
    public static Stream<Look> others() {
        return all().filter(look -> !look.equals(PHONE_THAI));
    }

    /** 0 to 3, for a station or a name of its own in each look. */
    public int number() {
        return size.ordinal() * Language.values().length + language.ordinal();
    }

    public boolean thai() {
        return language == Language.THAI;
    }

    /** The Thai text or the English one, as this look's language reads. */
    public String text(String thai, String english) {
        return thai() ? thai : english;
    }

    @Override
    public String toString() {
        return size.name().toLowerCase(Locale.ROOT) + "-" + language.tag;
    }
}

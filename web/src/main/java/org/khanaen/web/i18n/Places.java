package org.khanaen.web.i18n;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.DistrictView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.LocalizedName;
import org.khanaen.elections.ProvinceView;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Names where people expect names (issue 25): provinces, districts and constituencies of the current election by
 * their codes, in the reader's language, and lists of them in the reader's alphabetical order (Thai collation for
 * Thai, English for English) rather than in code order. Templates: {@code @places}. The names are read once per
 * import of the election (checked at most every minute, as another node may have imported it).
 */
@Component("places")
public class Places {

    private static final long RECHECK_NANOS = 60_000_000_000L;
    private static final Locale THAI = Locale.forLanguageTag("th");

    /** A constituency: its code, province and number. */
    public record Constituency(String code, String provinceCode, LocalizedName province, int number) {
    }

    /** A province with its constituencies, for pickers. */
    public record ProvinceGroup(String code, String name, List<Constituency> constituencies) {
    }

    private record Index(java.time.Instant importedAt, long checkedAt, Map<String, ProvinceView> provinces,
            Map<String, DistrictView> districts, Map<String, Constituency> constituencies) {
    }

    private final ElectionCatalog catalog;
    private final Map<String, Index> indexes = new ConcurrentHashMap<>();

    Places(ElectionCatalog catalog) {
        this.catalog = catalog;
    }

    /** A person's or a place's name in its words: templates put each in a {@code .word}, so lines break only between them. */
    public List<String> words(String name) {
        return name == null || name.isBlank() ? List.of() : List.of(name.trim().split("\\s+"));
    }

    /** The province's name, e.g. ระนอง / Ranong; the code itself when unknown. */
    public String province(String code) {
        if (code == null) {
            return "";
        }
        ProvinceView p = index().provinces().get(code);
        return p == null ? code : p.name().in(locale());
    }

    /** The district's name with its province, e.g. กระบุรี, ระนอง; the code itself when unknown. */
    public String district(String code) {
        if (code == null) {
            return "";
        }
        Index index = index();
        DistrictView d = index.districts().get(code);
        if (d == null) {
            return code;
        }
        ProvinceView p = index.provinces().get(d.province());
        return d.name().in(locale()) + (p == null ? "" : ", " + p.name().in(locale()));
    }

    /** The constituency as people say it, e.g. ระนอง เขต 1 / Ranong constituency 1; the code itself when unknown. */
    public String constituency(String code) {
        if (code == null) {
            return "";
        }
        Constituency c = index().constituencies().get(code);
        return c == null ? code : name(c, locale());
    }

    /** A province for pickers: its code and its name in the reader's language. */
    public record Province(String code, String name) {
    }

    /** Every province, in the reader's alphabetical order. */
    public List<Province> provinces() {
        Locale locale = locale();
        return index().provinces().values().stream().map(p -> new Province(p.code(), p.name().in(locale)))
                .sorted(Comparator.comparing(Province::name, collator(locale))).toList();
    }

    /** Districts grouped by province, provinces and their districts in the reader's alphabetical order. */
    public Map<String, List<DistrictView>> districtsByProvince(List<DistrictView> districts, Locale locale) {
        Collator collator = collator(locale);
        Map<String, ProvinceView> provinces = index().provinces();
        Map<String, List<DistrictView>> byCode = new HashMap<>();
        districts.forEach(d -> byCode.computeIfAbsent(d.province(), k -> new ArrayList<>()).add(d));
        Map<String, List<DistrictView>> out = new LinkedHashMap<>();
        byCode.entrySet().stream()
                .map(e -> Map.entry(provinces.containsKey(e.getKey()) ? provinces.get(e.getKey()).name().in(locale) : e.getKey(), e.getValue()))
                .sorted(Map.Entry.comparingByKey(collator))
                .forEach(e -> out.put(e.getKey(), e.getValue().stream().sorted(Comparator.comparing(d -> d.name().in(locale), collator)).toList()));
        return out;
    }

    /** Every province with its constituencies, provinces in the reader's alphabetical order, constituencies by number. */
    public List<ProvinceGroup> constituenciesByProvince() {
        Locale locale = locale();
        Collator collator = collator(locale);
        Index index = index();
        Map<String, List<Constituency>> byProvince = new HashMap<>();
        index.constituencies().values().forEach(c -> byProvince.computeIfAbsent(c.provinceCode(), k -> new ArrayList<>()).add(c));
        return byProvince.entrySet().stream().map(e -> {
            ProvinceView p = index.provinces().get(e.getKey());
            return new ProvinceGroup(e.getKey(), p == null ? e.getKey() : p.name().in(locale),
                    e.getValue().stream().sorted(Comparator.comparingInt(Constituency::number)).toList());
        }).sorted(Comparator.comparing(ProvinceGroup::name, collator)).toList();
    }

    /** The constituency's name in a language, as {@link #constituency(String)}. */
    public String name(Constituency c, Locale locale) {
        String province = c.province().in(locale);
        return "en".equals(locale.getLanguage()) ? province + " constituency " + c.number() : province + " เขต " + c.number();
    }

    /**
     * A constituency's code from what a person typed: its code (RNG_1, any case), or its name in either language
     * ("ระนอง เขต 1", "ระนอง 1", "Ranong constituency 1", "Ranong 1"), or a province with a single constituency.
     */
    public Optional<String> constituencyCode(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String t = typed.strip();
        Index index = index();
        String upper = t.toUpperCase(Locale.ROOT).replace(' ', '_');
        if (index.constituencies().containsKey(upper)) {
            return Optional.of(upper);
        }
        String wanted = normal(t);
        List<String> matches = new ArrayList<>();
        for (Constituency c : index.constituencies().values()) {
            for (Locale l : new Locale[] { THAI, Locale.ENGLISH }) {
                String province = normal(c.province().in(l));
                if (wanted.equals(normal(name(c, l))) || wanted.equals(province + " " + c.number()) || wanted.equals(province + c.number())) {
                    matches.add(c.code());
                }
            }
        }
        if (matches.isEmpty()) {
            // a province's name alone: only when it has one constituency, else it is not one place
            index.constituencies().values().stream()
                    .filter(c -> wanted.equals(normal(c.province().th())) || wanted.equals(normal(c.province().in(Locale.ENGLISH))))
                    .map(Constituency::code).forEach(matches::add);
        }
        List<String> distinct = matches.stream().distinct().toList();
        return distinct.size() == 1 ? Optional.of(distinct.getFirst()) : Optional.empty();
    }

    /**
     * A province's or a constituency's code from what a person typed: a code, a province's name (Thai or English), or a
     * constituency's name as {@link #constituencyCode}. A province's name means the province, even where it has one
     * constituency; empty when nothing or more than one place matches.
     */
    public Optional<String> placeCode(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        Index index = index();
        String upper = typed.strip().toUpperCase(Locale.ROOT);
        if (index.provinces().containsKey(upper)) {
            return Optional.of(upper);
        }
        String wanted = normal(typed);
        for (ProvinceView p : index.provinces().values()) {
            if (wanted.equals(normal(p.name().th())) || wanted.equals(normal(p.name().in(Locale.ENGLISH)))) {
                return Optional.of(p.code());
            }
        }
        return constituencyCode(typed);
    }

    /**
     * A district's code from what a person typed in a filter: its code, or its name in Thai or English, with or without
     * its province after a comma (as {@link #district} writes it, so a filter shown again still finds it) and without
     * "อำเภอ" / "เขต" before it; where the name is found in several provinces, the one in {@code province} (a province's
     * code), if given. The text as typed when nothing or several match: the search then finds nobody.
     */
    public String districtCode(String typed, String province) {
        if (typed == null || typed.isBlank()) {
            return typed;
        }
        String t = typed.strip();
        Index index = index();
        if (index.districts().containsKey(t)) {
            return t;
        }
        String wanted = normal(t.replaceFirst("^(อำเภอ|เขต)\\s*", ""));
        List<DistrictView> matches = index.districts().values().stream().filter(d -> {
            ProvinceView p = index.provinces().get(d.province());
            for (Locale l : new Locale[] { THAI, Locale.ENGLISH }) {
                String name = normal(d.name().in(l));
                if (wanted.equals(name) || p != null && wanted.equals(name + ", " + normal(p.name().in(l)))) {
                    return true;
                }
            }
            return false;
        }).toList();
        if (matches.size() > 1 && province != null && !province.isBlank()) {
            matches = matches.stream().filter(d -> d.province().equals(province)).toList();
        }
        return matches.size() == 1 ? matches.getFirst().code() : t;
    }

    private static String normal(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    @EventListener
    void on(ElectionImported imported) {
        indexes.remove(imported.electionId());
    }

    private Index index() {
        String election = catalog.current();
        Index known = indexes.get(election);
        long now = System.nanoTime();
        if (known != null && now - known.checkedAt() < RECHECK_NANOS) {
            return known;
        }
        java.time.Instant importedAt = catalog.importedAt(election).orElse(null);
        if (known != null && java.util.Objects.equals(known.importedAt(), importedAt)) {
            Index again = new Index(known.importedAt(), now, known.provinces(), known.districts(), known.constituencies());
            indexes.put(election, again);
            return again;
        }
        Map<String, ProvinceView> provinces = new HashMap<>();
        Map<String, DistrictView> districts = new HashMap<>();
        Map<String, Constituency> constituencies = new LinkedHashMap<>();
        if (importedAt != null) {
            catalog.provinces(election).forEach(p -> provinces.put(p.code(), p));
            catalog.districts(election).forEach(d -> districts.put(d.code(), d));
            for (ConstituencyView c : catalog.constituencies(election, Optional.empty())) {
                constituencies.put(c.code(), new Constituency(c.code(), c.province().code(), c.province().name(), c.number()));
            }
        }
        Index made = new Index(importedAt, now, Map.copyOf(provinces), Map.copyOf(districts), constituencies);
        indexes.put(election, made);
        return made;
    }

    /** The reader's language; Thai outside a request (a mail, a job), as for everyone who has not chosen English. */
    private static Locale locale() {
        return LocaleContextHolder.getLocaleContext() == null ? THAI : LocaleContextHolder.getLocale();
    }

    static Collator collator(Locale locale) {
        return Collator.getInstance("en".equals(locale.getLanguage()) ? Locale.ENGLISH : THAI);
    }
}

package org.khanaen.elections.importing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Finds the district a constituency's zone text means. The ECT writes zones by hand: with
 * "อำเภอ"/"เขต" prefixes, bracketed sub-district notes, truncated names ("เมืองประจวบคีรีข"), the
 * capital district without "เมือง", and the occasional other spelling ("กรงปินัง" for "กรงปีนัง").
 */
public final class ZoneMatcher {

    public enum How { EXACT, CAPITAL_DISTRICT, TRUNCATED, NEAR_SPELLING }

    public record Match(String districtCode, String districtName, How how) {
    }

    public record District(String code, String nameTh) {
    }

    private static final Pattern PREFIX = Pattern.compile("^(กิ่งอำเภอ|อำเภอ|เขต)\\s*");
    private static final LevenshteinDistance distance = new LevenshteinDistance(2);

    private ZoneMatcher() {
    }

    /** The district part of a zone text: before any bracket, without the administrative prefix. */
    public static String districtName(String zoneText) {
        int bracket = zoneText.indexOf('(');
        String name = bracket < 0 ? zoneText : zoneText.substring(0, bracket);
        return PREFIX.matcher(name.strip()).replaceFirst("").strip();
    }

    /** Only part of the district is in the constituency ("เฉพาะ…" / "ยกเว้น…"). */
    public static boolean isPartial(String zoneText) {
        return zoneText.indexOf('(') >= 0;
    }

    public static Optional<Match> match(String zoneText, List<District> provinceDistricts) {
        String name = districtName(zoneText);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return only(provinceDistricts.stream().filter(d -> d.nameTh().equals(name)).toList(), How.EXACT)
                .or(() -> only(provinceDistricts.stream()
                        .filter(d -> d.nameTh().equals("เมือง" + name) || ("เมือง" + d.nameTh()).equals(name)).toList(),
                        How.CAPITAL_DISTRICT))
                .or(() -> name.length() < 4 ? Optional.empty()
                        : only(provinceDistricts.stream().filter(d -> d.nameTh().startsWith(name)).toList(), How.TRUNCATED))
                .or(() -> nearest(name, provinceDistricts));
    }

    private static Optional<Match> only(List<District> candidates, How how) {
        return candidates.size() == 1
                ? Optional.of(new Match(candidates.get(0).code(), candidates.get(0).nameTh(), how))
                : Optional.empty();
    }

    private static Optional<Match> nearest(String name, List<District> districts) {
        if (name.length() < 4) {
            return Optional.empty();
        }
        record Scored(District district, int distance) {
        }
        List<Scored> close = districts.stream()
                .map(d -> new Scored(d, distance.apply(name, d.nameTh())))
                .filter(s -> s.distance() >= 0)
                .sorted(Comparator.comparingInt(Scored::distance))
                .toList();
        if (close.isEmpty() || (close.size() > 1 && close.get(1).distance() == close.get(0).distance())) {
            return Optional.empty();
        }
        return Optional.of(new Match(close.get(0).district().code(), close.get(0).district().nameTh(), How.NEAR_SPELLING));
    }
}

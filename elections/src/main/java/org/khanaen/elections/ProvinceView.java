package org.khanaen.elections;

/**
 * @param code         the ECT's three-letter code, e.g. BKK
 * @param ectId        the ECT's numeric province id, e.g. "10" (also the interior ministry's province code)
 * @param abbreviation the Thai abbreviation, e.g. กทม, when the source has one
 * @param sourceNameEn the English name exactly as the source wrote it (the ECT's upper-case {@code eng}), when it has one
 */
public record ProvinceView(String code, String ectId, LocalizedName name, Double latitude, Double longitude,
        long registeredVoters, long constituencies, long stations, String abbreviation, String sourceNameEn) {
}

package org.khanaen.elections;

/**
 * @param code  the ECT's three-letter code, e.g. BKK
 * @param ectId the ECT's numeric province id, e.g. "10" (also the interior ministry's province code)
 */
public record ProvinceView(String code, String ectId, LocalizedName name, Double latitude, Double longitude,
        long registeredVoters, long constituencies, long stations) {
}

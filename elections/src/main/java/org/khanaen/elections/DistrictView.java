package org.khanaen.elections;

/** A district (amphoe / khet) and its province's code; coordinates are its centre, absent for a few. */
public record DistrictView(String code, String province, LocalizedName name, Double latitude, Double longitude) {
}

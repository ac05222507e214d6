package org.khanaen.elections;

/** A district (amphoe / khet); coordinates are its centre, absent for a few. */
public record DistrictView(String code, LocalizedName name, Double latitude, Double longitude) {
}

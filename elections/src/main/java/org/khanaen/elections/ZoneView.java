package org.khanaen.elections;

/**
 * @param text     as the source wrote it
 * @param district the district it was matched to, or null
 * @param partial  only part of the district is in the constituency
 */
public record ZoneView(String text, DistrictView district, boolean partial) {
}

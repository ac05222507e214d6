package org.khanaen.elections;

/** A polling station reduced to what planning over 95,000 of them needs. */
public record StationPoint(long id, long constituencyId, String constituencyCode, String provinceCode, double latitude,
        double longitude, boolean priority) {
}

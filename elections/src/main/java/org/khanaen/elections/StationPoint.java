package org.khanaen.elections;

/** A polling station reduced to what planning over 95,000 of them, and checking a report, needs. */
public record StationPoint(long id, long constituencyId, String constituencyCode, String provinceCode, double latitude,
        double longitude, boolean priority, int registeredVoters, String electionId) {
}

package org.khanaen.elections;

/**
 * A polling station.
 *
 * @param id       the id other modules keep (assignments, reports)
 * @param code     stable across re-imports with the same seed, e.g. BKK_1-007
 * @param priority the coordinators want it covered first
 */
public record StationView(long id, String electionId, String code, String constituency, String province,
        String district, int number, LocalizedName name, double latitude, double longitude, int registeredVoters,
        boolean priority) {
}

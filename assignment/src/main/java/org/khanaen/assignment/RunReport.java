package org.khanaen.assignment;

import java.util.List;
import java.util.Map;

/**
 * What an automatic run did and found.
 *
 * @param stations           stations in the run's scope
 * @param withPrimary        of those, how many have a primary after the run (coverage)
 * @param meanKm             mean travel of the volunteers this run placed at stations
 * @param lowerBoundKm       the same volunteers each sent to their nearest station, capacity ignored
 * @param stationBoundKm     each station this run filled reached from the nearest home of any volunteer in the pool:
 *                           also a lower bound, and the one that counts when many volunteers share a home point
 * @param unplacedVolunteers why volunteers of the pool were left without a place, with counts
 * @param emptyStations      why stations stayed without a primary, with counts
 * @param emptiest           the constituencies with the most stations still without a primary
 * @param phaseSeconds       where the time went: load, solve, save, report
 * @param takenMeanwhile     placements skipped because a person filled the slot or placed the volunteer during the run
 * @param sample             the quick count's sample stations in scope, covered first (null when none is in scope)
 */
public record RunReport(int stations, int withPrimary, int withBackup, int primariesPlaced, int backupsPlaced, int promoted,
        int released, int leadsPlaced, int leadRoles, int leadRolesFilled, int warRoomPlaced, int warRoomSeats,
        int warRoomSeatsFilled, int pool, double meanKm, double p95Km, double lowerBoundKm, double stationBoundKm,
        Map<String, Integer> unplacedVolunteers, Map<String, Integer> emptyStations, List<Gap> emptiest, int takenMeanwhile,
        double solveSeconds, double totalSeconds, Map<String, Double> phaseSeconds, SampleCover sample) {

    public record Gap(String constituency, int empty, int stations) {
    }

    /** Of the sample's stations in scope, how many have a primary and a backup after the run. */
    public record SampleCover(int stations, int withPrimary, int withBackup) {
    }

    public double coverage() {
        return stations == 0 ? 0 : (double) withPrimary / stations;
    }

    /** Mean travel over the best conceivable, by the stricter of the two bounds. */
    public double ratioToBound() {
        double bound = Math.max(lowerBoundKm, stationBoundKm);
        return bound == 0 ? 0 : meanKm / bound;
    }
}

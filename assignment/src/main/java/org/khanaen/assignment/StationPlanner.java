package org.khanaen.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tier 1: volunteers to station slots. Every station gets a primary before any gets a backup, so
 * primaries are planned first, over all stations, and backups afterwards with whoever is left, at
 * stations that have a primary. Standby volunteers are only ever backups. Priority stations are
 * cheaper to fill, so when volunteers run short the priority ones are covered first.
 * <p>
 * Quick-count sample stations come first outright, not by a bonus: each slot is planned for them in a pass of its
 * own before the other stations' (their primaries before other primaries, their backups before other backups), so a
 * sample station lacks a volunteer only when nobody is left who could reach it. A bonus would not do: each pass joins a
 * group only to its nearest stations, where a sample station may not be.
 */
final class StationPlanner {

    /** @param home where they start from (their home district's centre) */
    record Volunteer(long id, Point home, boolean canBePrimary) {
    }

    /** @param sample in the quick count's sample: gets a primary and a backup before other stations get a backup */
    record Station(long id, Point point, boolean priority, boolean sample, boolean primaryFree, boolean backupFree) {
    }

    record Point(double latitude, double longitude) {
    }

    record Placement(long volunteer, long station, int position, double km) {
    }

    private final long priorityBonusMetres;

    StationPlanner(long priorityBonusMetres) {
        this.priorityBonusMetres = priorityBonusMetres;
    }

    List<Placement> plan(List<Volunteer> volunteers, List<Station> stations, FlowPlanner.Progress progress) {
        List<Placement> placements = new ArrayList<>();
        List<Station> needPrimary = stations.stream().filter(Station::primaryFree).toList();
        List<Volunteer> primaries = volunteers.stream().filter(Volunteer::canBePrimary).toList();
        placeSampleFirst(primaries, needPrimary, StationRole.PRIMARY, placements, progress);

        var primaryNow = new HashSet<Long>();
        placements.forEach(p -> primaryNow.add(p.station()));
        List<Station> needBackup = stations.stream()
                .filter(s -> s.backupFree() && (!s.primaryFree() || primaryNow.contains(s.id())))
                .toList();
        placeSampleFirst(volunteers, needBackup, StationRole.BACKUP, placements, progress);
        return placements;
    }

    /** One slot at the given stations: the sample's first, then the rest, each time with whoever is not placed yet. */
    private void placeSampleFirst(List<Volunteer> candidates, List<Station> stations, StationRole role, List<Placement> placements,
            FlowPlanner.Progress progress) {
        for (boolean sample : new boolean[] { true, false }) {
            var placed = new HashSet<Long>();
            placements.forEach(p -> placed.add(p.volunteer()));
            List<Volunteer> free = candidates.stream().filter(v -> !placed.contains(v.id())).toList();
            List<Station> these = stations.stream().filter(s -> s.sample() == sample).toList();
            placements.addAll(place(free, these, role.position(), progress));
        }
    }

    private List<Placement> place(List<Volunteer> volunteers, List<Station> stations, int position, FlowPlanner.Progress progress) {
        if (volunteers.isEmpty() || stations.isEmpty()) {
            return List.of();
        }
        // Volunteers from the same district start from the same point: one group each, not one node each.
        Map<Point, List<Long>> byHome = new LinkedHashMap<>();
        volunteers.forEach(v -> byHome.computeIfAbsent(v.home(), k -> new ArrayList<>()).add(v.id()));
        List<Point> homes = new ArrayList<>(byHome.keySet());
        List<FlowPlanner.Group> groups = homes.stream()
                .map(h -> new FlowPlanner.Group(h.latitude(), h.longitude(), byHome.get(h).size())).toList();
        List<FlowPlanner.Place> places = stations.stream()
                .map(s -> new FlowPlanner.Place(s.point().latitude(), s.point().longitude(), 1, s.priority() ? 0 : priorityBonusMetres))
                .toList();
        List<Placement> placements = new ArrayList<>();
        int[] nextInGroup = new int[groups.size()];
        for (FlowPlanner.Flow flow : new FlowPlanner(groups, places).solve(progress)) {
            List<Long> members = byHome.get(homes.get(flow.group()));
            for (int i = 0; i < flow.amount(); i++) {
                placements.add(new Placement(members.get(nextInGroup[flow.group()]++), stations.get(flow.place()).id(), position, flow.km()));
            }
        }
        return placements;
    }
}

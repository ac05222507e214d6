package org.khanaen.assignment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tier 1: volunteers to station slots. Every station gets a primary before any gets a backup, so
 * primaries are planned first, over all stations, and backups afterwards with whoever is left, at
 * stations that have a primary. Standby volunteers are only ever backups. Priority stations are
 * cheaper to fill, so when volunteers run short the priority ones are covered first.
 */
final class StationPlanner {

    /** @param home where they start from (their home district's centre) */
    record Volunteer(long id, Point home, boolean canBePrimary) {
    }

    record Station(long id, Point point, boolean priority, boolean primaryFree, boolean backupFree) {
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
        placements.addAll(place(primaries, needPrimary, StationRole.PRIMARY.position(), progress));

        var placedNow = new java.util.HashSet<Long>();
        placements.forEach(p -> placedNow.add(p.volunteer()));
        var primaryNow = new java.util.HashSet<Long>();
        placements.forEach(p -> primaryNow.add(p.station()));
        List<Volunteer> rest = volunteers.stream().filter(v -> !placedNow.contains(v.id())).toList();
        List<Station> needBackup = stations.stream()
                .filter(s -> s.backupFree() && (!s.primaryFree() || primaryNow.contains(s.id())))
                .toList();
        placements.addAll(place(rest, needBackup, StationRole.BACKUP.position(), progress));
        return placements;
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

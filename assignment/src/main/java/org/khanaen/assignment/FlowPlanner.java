package org.khanaen.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import org.khanaen.elections.GreatCircle;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

/**
 * Sends interchangeable people, grouped by where they start from, to places with a capacity, so that
 * as many as possible are placed and, among those plans, the total distance (plus each place's
 * penalty) is the least: a min-cost max-flow solved by OR-Tools.
 * <p>
 * The full graph (every group to every place) is too big for 95,000 stations, and almost all of its
 * arcs are useless: each group is joined to its nearest places only, enough to hold it twice over.
 * What that leaves unplaced is solved again, on what is left, with a wider reach, until nothing more
 * can be placed. Each pass is exact on its graph.
 */
final class FlowPlanner {

    static {
        Loader.loadNativeLibraries();
    }

    /** @param count how many people start from this point */
    record Group(double latitude, double longitude, int count) {
    }

    /** @param penaltyMetres added to every arrival here: a higher one is filled last */
    record Place(double latitude, double longitude, int capacity, long penaltyMetres) {
    }

    record Flow(int group, int place, int amount, double km) {
    }

    interface Progress {
        void pass(int pass, int placed, int wanted);
    }

    private final List<Group> groups;
    private final List<Place> places;
    private final BiPredicate<Integer, Integer> allowed;
    private final PlaceGrid grid;

    FlowPlanner(List<Group> groups, List<Place> places, BiPredicate<Integer, Integer> allowed) {
        this.groups = groups;
        this.places = places;
        this.allowed = allowed;
        this.grid = new PlaceGrid(places);
    }

    FlowPlanner(List<Group> groups, List<Place> places) {
        this(groups, places, (g, p) -> true);
    }

    List<Flow> solve(Progress progress) {
        int[] left = groups.stream().mapToInt(Group::count).toArray();
        int[] room = places.stream().mapToInt(Place::capacity).toArray();
        int wanted = sum(left);
        int freeRoom = sum(room);
        List<Flow> flows = new ArrayList<>();
        int reachFactor = 2;
        for (int pass = 1; sum(left) > 0 && freeRoom > 0; pass++) {
            int placed = pass(left, room, reachFactor, flows);
            freeRoom = sum(room);
            progress.pass(pass, wanted - sum(left), wanted);
            boolean everyoneReachedEverything = reachFactor >= places.size();
            if (placed == 0 && everyoneReachedEverything) {
                break;
            }
            reachFactor = everyoneReachedEverything ? reachFactor : Math.min(places.size(), reachFactor * 4);
        }
        return flows;
    }

    /** One exact solve of the groups still waiting against the room still free; returns how many it placed. */
    private int pass(int[] left, int[] room, int reachFactor, List<Flow> flows) {
        MinCostFlow flow = new MinCostFlow();
        try {
            int source = 0;
            int sink = 1;
            int groupBase = 2;
            int placeBase = groupBase + groups.size();
            int total = 0;
            List<int[]> arcs = new ArrayList<>();   // arc index, group, place
            List<Double> arcKm = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                if (left[g] == 0) {
                    continue;
                }
                Group group = groups.get(g);
                int reach = (int) Math.min(places.size(), (long) left[g] * reachFactor + 20L * reachFactor);
                int[] nearest = grid.nearest(group.latitude(), group.longitude(), reach, p -> room[p] > 0);
                boolean any = false;
                for (int p : nearest) {
                    if (!allowed.test(g, p)) {
                        continue;
                    }
                    Place place = places.get(p);
                    double km = GreatCircle.km(group.latitude(), group.longitude(), place.latitude(), place.longitude());
                    int arc = flow.addArcWithCapacityAndUnitCost(groupBase + g, placeBase + p, Math.min(left[g], room[p]),
                            Math.round(km * 1000) + place.penaltyMetres());
                    arcs.add(new int[] { arc, g, p });
                    arcKm.add(km);
                    any = true;
                }
                if (any) {
                    flow.addArcWithCapacityAndUnitCost(source, groupBase + g, left[g], 0);
                    total += left[g];
                }
            }
            if (total == 0) {
                return 0;
            }
            for (int p = 0; p < places.size(); p++) {
                if (room[p] > 0) {
                    flow.addArcWithCapacityAndUnitCost(placeBase + p, sink, room[p], 0);
                }
            }
            flow.setNodeSupply(source, total);
            flow.setNodeSupply(sink, -total);
            MinCostFlowBase.Status status = flow.solveMaxFlowWithMinCost();
            if (status != MinCostFlowBase.Status.OPTIMAL) {
                throw new IllegalStateException("the flow solver stopped with " + status);
            }
            int placed = 0;
            for (int i = 0; i < arcs.size(); i++) {
                int[] arc = arcs.get(i);
                int amount = (int) flow.getFlow(arc[0]);
                if (amount > 0) {
                    flows.add(new Flow(arc[1], arc[2], amount, arcKm.get(i)));
                    left[arc[1]] -= amount;
                    room[arc[2]] -= amount;
                    placed += amount;
                }
            }
            return placed;
        } finally {
            flow.delete();
        }
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }
}

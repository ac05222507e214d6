package org.khanaen.assignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Finds the places nearest to a point without measuring the distance to all 95,000: places sit in
 * cells of a tenth of a degree, searched ring by ring outwards until no unseen cell can hold anything
 * nearer than what was found.
 */
final class PlaceGrid {

    private static final double CELL_DEGREES = 0.1;
    /** The narrowest a cell gets (its east-west side at 60° latitude): the rings' guaranteed reach. */
    private static final double CELL_KM_AT_LEAST = 0.1 * 111.32 * Math.cos(Math.toRadians(60));

    private final List<FlowPlanner.Place> places;
    private final Map<Long, int[]> cells = new HashMap<>();
    private final int minRow;
    private final int maxRow;
    private final int minColumn;
    private final int maxColumn;

    PlaceGrid(List<FlowPlanner.Place> places) {
        this.places = places;
        Map<Long, List<Integer>> building = new HashMap<>();
        int rowLow = Integer.MAX_VALUE;
        int rowHigh = Integer.MIN_VALUE;
        int columnLow = Integer.MAX_VALUE;
        int columnHigh = Integer.MIN_VALUE;
        for (int i = 0; i < places.size(); i++) {
            int row = row(places.get(i).latitude());
            int column = column(places.get(i).longitude());
            building.computeIfAbsent(key(row, column), k -> new ArrayList<>()).add(i);
            rowLow = Math.min(rowLow, row);
            rowHigh = Math.max(rowHigh, row);
            columnLow = Math.min(columnLow, column);
            columnHigh = Math.max(columnHigh, column);
        }
        building.forEach((k, v) -> cells.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.minRow = rowLow;
        this.maxRow = rowHigh;
        this.minColumn = columnLow;
        this.maxColumn = columnHigh;
    }

    /** Up to {@code count} places that pass the filter, nearest first. */
    int[] nearest(double latitude, double longitude, int count, IntPredicate usable) {
        if (places.isEmpty() || count <= 0) {
            return new int[0];
        }
        int row = row(latitude);
        int column = column(longitude);
        int maxRing = Math.max(Math.max(Math.abs(row - minRow), Math.abs(row - maxRow)),
                Math.max(Math.abs(column - minColumn), Math.abs(column - maxColumn)));
        double cosLatitude = Math.cos(Math.toRadians(latitude));
        List<long[]> found = new ArrayList<>(); // squared-distance bits, index
        double kth = Double.MAX_VALUE;
        for (int ring = 0; ring <= maxRing; ring++) {
            // only the ring's own cells: its top and bottom rows whole, its sides without the corners
            for (int r = row - ring; r <= row + ring; r++) {
                boolean edgeRow = r == row - ring || r == row + ring;
                int step = edgeRow || ring == 0 ? 1 : 2 * ring;
                for (int c = column - ring; c <= column + ring; c += step) {
                    int[] inCell = cells.get(key(r, c));
                    if (inCell == null) {
                        continue;
                    }
                    for (int p : inCell) {
                        if (usable.test(p)) {
                            found.add(new long[] { Double.doubleToLongBits(flatKm(latitude, longitude, cosLatitude, p)), p });
                        }
                    }
                }
            }
            if (found.size() >= count) {
                kth = kthDistance(found, count);
                // everything beyond this ring is at least ring cells away
                if (kth <= ring * CELL_KM_AT_LEAST) {
                    break;
                }
            }
        }
        found.sort((a, b) -> Double.compare(Double.longBitsToDouble(a[0]), Double.longBitsToDouble(b[0])));
        int n = Math.min(count, found.size());
        int[] nearest = new int[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = (int) found.get(i)[1];
        }
        return nearest;
    }

    private static double kthDistance(List<long[]> found, int count) {
        double[] distances = new double[found.size()];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = Double.longBitsToDouble(found.get(i)[0]);
        }
        Arrays.sort(distances);
        return distances[count - 1];
    }

    /** Flat-earth distance: exact enough to rank places within a country, and cheap. */
    private double flatKm(double latitude, double longitude, double cosLatitude, int p) {
        double north = (places.get(p).latitude() - latitude) * 111.32;
        double east = (places.get(p).longitude() - longitude) * 111.32 * cosLatitude;
        return Math.sqrt(north * north + east * east);
    }

    private static int row(double latitude) {
        return (int) Math.floor(latitude / CELL_DEGREES);
    }

    private static int column(double longitude) {
        return (int) Math.floor(longitude / CELL_DEGREES);
    }

    private static long key(int row, int column) {
        return ((long) row << 32) ^ (column & 0xffffffffL);
    }
}

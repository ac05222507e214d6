package org.khanaen.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.GreatCircle;

import com.google.ortools.graph.MinCostFlow;

/** The planning rules, without Spring or a database. */
class PlannerTests {

    private static final StationPlanner.Point HOME = new StationPlanner.Point(13.75, 100.50);

    private static StationPlanner.Station station(long id, double kmEast, boolean priority) {
        return new StationPlanner.Station(id, new StationPlanner.Point(13.75, 100.50 + kmEast / 108.0), priority, false, true, true);
    }

    private static StationPlanner.Station sampleStation(long id, double kmEast) {
        return new StationPlanner.Station(id, new StationPlanner.Point(13.75, 100.50 + kmEast / 108.0), false, true, true, true);
    }

    private static List<StationPlanner.Volunteer> atHome(int count) {
        return IntStream.range(0, count).mapToObj(i -> new StationPlanner.Volunteer(i, HOME, true)).toList();
    }

    private static List<Long> at(List<StationPlanner.Placement> plan, StationRole role) {
        return plan.stream().filter(p -> p.position() == role.position()).map(StationPlanner.Placement::station).toList();
    }

    @Test
    void sampleStationsGetAPrimaryAndABackupBeforeOtherStationsGetABackup() {
        // two sample stations far away, three others on the doorstep; 5 primaries + 2 backups = 7 volunteers
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), station(2, 1.5, false), station(3, 2, false),
                sampleStation(4, 40), sampleStation(5, 60));

        List<StationPlanner.Placement> plan = new StationPlanner(0).plan(atHome(7), stations, (a, b, c) -> { });

        assertThat(at(plan, StationRole.PRIMARY)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        // the backups go the long way to the sample stations, not next door
        assertThat(at(plan, StationRole.BACKUP)).containsExactlyInAnyOrder(4L, 5L);
    }

    @Test
    void onceTheSampleHasItsBackupsTheOtherStationsGetTheirs() {
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), station(2, 1.5, false), sampleStation(3, 40));

        List<StationPlanner.Placement> plan = new StationPlanner(0).plan(atHome(5), stations, (a, b, c) -> { });

        assertThat(at(plan, StationRole.PRIMARY)).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(at(plan, StationRole.BACKUP)).containsExactlyInAnyOrder(3L, 1L); // then the nearest other station
    }

    @Test
    void whenVolunteersRunShortTheSampleStationsAreCoveredFirstHoweverFar() {
        List<StationPlanner.Station> stations = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            stations.add(station(i, i * 0.1, true)); // even priority stations nearby come after the sample
        }
        stations.add(sampleStation(100, 300));
        stations.add(sampleStation(101, 500));

        List<StationPlanner.Placement> plan = new StationPlanner(3000).plan(atHome(2), stations, (a, b, c) -> { });

        assertThat(at(plan, StationRole.PRIMARY)).containsExactlyInAnyOrder(100L, 101L);
        assertThat(at(plan, StationRole.BACKUP)).isEmpty();
    }

    @Test
    void aSampleStationsBackupNeverComesBeforeAnotherStationsPrimary() {
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), sampleStation(2, 2));

        List<StationPlanner.Placement> plan = new StationPlanner(0).plan(atHome(2), stations, (a, b, c) -> { });

        assertThat(at(plan, StationRole.PRIMARY)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(at(plan, StationRole.BACKUP)).isEmpty();
    }

    @Test
    void standbyVolunteersBackUpTheSampleFirst() {
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), sampleStation(2, 25));
        List<StationPlanner.Volunteer> volunteers = List.of(new StationPlanner.Volunteer(1, HOME, true),
                new StationPlanner.Volunteer(2, HOME, true), new StationPlanner.Volunteer(3, HOME, false));

        List<StationPlanner.Placement> plan = new StationPlanner(0).plan(volunteers, stations, (a, b, c) -> { });

        assertThat(plan).filteredOn(p -> p.position() == StationRole.BACKUP.position())
                .singleElement().satisfies(p -> assertThat(p).extracting("volunteer", "station").containsExactly(3L, 2L));
    }

    @Test
    void everyStationGetsAPrimaryBeforeAnyStationGetsABackup() {
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), station(2, 2, false), station(3, 30, false));
        List<StationPlanner.Volunteer> volunteers = IntStream.range(0, 4)
                .mapToObj(i -> new StationPlanner.Volunteer(i, HOME, true)).toList();

        List<StationPlanner.Placement> plan = new StationPlanner(0).plan(volunteers, stations, (a, b, c) -> { });

        // the far station gets its primary even though a backup nearby would be shorter travel
        assertThat(plan.stream().filter(p -> p.position() == 1).map(StationPlanner.Placement::station)).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(plan.stream().filter(p -> p.position() == 2)).singleElement().satisfies(p -> assertThat(p.station()).isEqualTo(1L));
    }

    @Test
    void standbyVolunteersAreOnlyBackupsAndOnlyWhereThereIsAPrimary() {
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), station(2, 2, false));
        List<StationPlanner.Volunteer> volunteers = List.of(new StationPlanner.Volunteer(1, HOME, true),
                new StationPlanner.Volunteer(2, HOME, false), new StationPlanner.Volunteer(3, HOME, false));

        List<StationPlanner.Placement> plan = new StationPlanner(0).plan(volunteers, stations, (a, b, c) -> { });

        assertThat(plan).filteredOn(p -> p.volunteer() != 1).allSatisfy(p -> assertThat(p.position()).isEqualTo(2));
        assertThat(plan).filteredOn(p -> p.volunteer() != 1).hasSize(1);
    }

    @Test
    void priorityStationsAreCoveredFirstWhenVolunteersRunShort() {
        List<StationPlanner.Station> stations = List.of(station(1, 1, false), station(2, 2.5, true));
        List<StationPlanner.Volunteer> volunteers = List.of(new StationPlanner.Volunteer(1, HOME, true));

        assertThat(new StationPlanner(3000).plan(volunteers, stations, (a, b, c) -> { }))
                .singleElement().satisfies(p -> assertThat(p.station()).isEqualTo(2L));
        assertThat(new StationPlanner(0).plan(volunteers, stations, (a, b, c) -> { }))
                .singleElement().satisfies(p -> assertThat(p.station()).isEqualTo(1L));
    }

    @Test
    void nearestPlacesAreTheTrueNearest() {
        var random = new SplittableRandom(7);
        List<FlowPlanner.Place> places = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            places.add(new FlowPlanner.Place(6 + random.nextDouble() * 14, 98 + random.nextDouble() * 7, 1, 0));
        }
        PlaceGrid grid = new PlaceGrid(places);
        for (int q = 0; q < 50; q++) {
            double lat = 6 + random.nextDouble() * 14;
            double lon = 98 + random.nextDouble() * 7;
            int[] found = grid.nearest(lat, lon, 25, p -> p % 3 != 0);
            List<Integer> expected = IntStream.range(0, places.size()).filter(p -> p % 3 != 0).boxed()
                    .sorted(Comparator.comparingDouble(p -> GreatCircle.km(lat, lon, places.get(p).latitude(), places.get(p).longitude())))
                    .limit(25).toList();
            // flat-earth ranking may swap near-ties; the sets of distances agree to a few metres
            double worstFound = GreatCircle.km(lat, lon, places.get(found[24]).latitude(), places.get(found[24]).longitude());
            double worstExpected = GreatCircle.km(lat, lon, places.get(expected.get(24)).latitude(), places.get(expected.get(24)).longitude());
            assertThat(found).hasSize(25);
            assertThat(worstFound).isCloseTo(worstExpected, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void solvingOnNearestPlacesReachesTheSameOptimumAsTheFullGraph() {
        var random = new SplittableRandom(11);
        List<FlowPlanner.Group> groups = new ArrayList<>();
        List<FlowPlanner.Place> places = new ArrayList<>();
        for (int g = 0; g < 40; g++) {
            groups.add(new FlowPlanner.Group(13 + random.nextDouble(), 100 + random.nextDouble(), 1 + random.nextInt(12)));
        }
        for (int p = 0; p < 300; p++) {
            places.add(new FlowPlanner.Place(13 + random.nextDouble(), 100 + random.nextDouble(), 1, 0));
        }

        long planned = new FlowPlanner(groups, places).solve((a, b, c) -> { }).stream()
                .mapToLong(f -> f.amount() * Math.round(f.km() * 1000)).sum();

        assertThat(planned).isEqualTo(fullGraphOptimum(groups, places));
    }

    private static long fullGraphOptimum(List<FlowPlanner.Group> groups, List<FlowPlanner.Place> places) {
        MinCostFlow flow = new MinCostFlow();
        int total = groups.stream().mapToInt(FlowPlanner.Group::count).sum();
        for (int g = 0; g < groups.size(); g++) {
            flow.addArcWithCapacityAndUnitCost(0, 2 + g, groups.get(g).count(), 0);
            for (int p = 0; p < places.size(); p++) {
                double km = GreatCircle.km(groups.get(g).latitude(), groups.get(g).longitude(), places.get(p).latitude(), places.get(p).longitude());
                flow.addArcWithCapacityAndUnitCost(2 + g, 2 + groups.size() + p, 1, Math.round(km * 1000));
            }
        }
        for (int p = 0; p < places.size(); p++) {
            flow.addArcWithCapacityAndUnitCost(2 + groups.size() + p, 1, 1, 0);
        }
        flow.setNodeSupply(0, total);
        flow.setNodeSupply(1, -total);
        flow.solveMaxFlowWithMinCost();
        long cost = flow.getOptimalCost();
        flow.delete();
        return cost;
    }
}

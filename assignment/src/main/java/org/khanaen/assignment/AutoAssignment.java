package org.khanaen.assignment;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.khanaen.elections.DistrictView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.GreatCircle;
import org.khanaen.platform.transactions.RetryingTransactions;
import org.khanaen.elections.ProvinceView;
import org.khanaen.elections.StationPoint;
import org.khanaen.volunteers.AssignmentStatus;
import org.khanaen.volunteers.Availability;
import org.khanaen.volunteers.RolePreference;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Automatic assignment for a whole election, a province or a constituency. The plan is computed
 * outside any transaction (seconds of OR-Tools), then written in one: a failed run leaves
 * everything as it was. Manual edits made during the run win: the unique keys skip the plan's
 * rows that collide with them, and the report counts those.
 */
@Service
public class AutoAssignment {

    private static final Logger log = LoggerFactory.getLogger(AutoAssignment.class);

    private final ElectionCatalog catalog;
    private final VolunteerPool pool;
    private final Assignments assignments;
    private final AssignmentRuns runs;
    private final WarRoomShifts shifts;
    private final SampleStations samples;
    private final AssignmentProperties properties;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;

    AutoAssignment(ElectionCatalog catalog, VolunteerPool pool, Assignments assignments, AssignmentRuns runs, WarRoomShifts shifts,
            SampleStations samples, AssignmentProperties properties, TransactionTemplate transaction,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.catalog = catalog;
        this.pool = pool;
        this.assignments = assignments;
        this.runs = runs;
        this.shifts = shifts;
        this.samples = samples;
        this.properties = properties;
        this.transaction = transaction;
        this.executor = executor;
    }

    /** Starts a run in the background; its progress and report are read with {@link #run(long)}. */
    public long start(RunRequest request) {
        check(request);
        long id = open(request);
        executor.execute(() -> execute(id, request));
        return id;
    }

    /** Two runs of one election started at once through two Galera nodes: the second fails at commit, and hears why. */
    private long open(RunRequest request) {
        try {
            return runs.open(request);
        } catch (RuntimeException e) {
            if (RetryingTransactions.isConflict(e)) {
                throw new AssignmentProblem("assignment.problem.running", "?");
            }
            throw e;
        }
    }

    /** Runs and waits (benchmarks, tests, scripts). */
    public RunView runAndWait(RunRequest request) {
        check(request);
        long id = open(request);
        execute(id, request);
        return runs.find(id).orElseThrow();
    }

    public Optional<RunView> run(long id) {
        return runs.find(id);
    }

    public List<RunView> recentRuns(String electionId) {
        return runs.recent(electionId, 20);
    }

    private void check(RunRequest request) {
        if (!catalog.exists(request.electionId())) {
            throw new AssignmentProblem("assignment.problem.no-election", request.electionId());
        }
        if (request.scope() == RunRequest.Scope.PROVINCE
                && catalog.provinces(request.electionId()).stream().noneMatch(p -> p.code().equals(request.scopeCode()))) {
            throw new AssignmentProblem("assignment.problem.no-province", request.scopeCode());
        }
        if (request.scope() == RunRequest.Scope.CONSTITUENCY && catalog.constituency(request.electionId(), request.scopeCode()).isEmpty()) {
            throw new AssignmentProblem("assignment.problem.no-constituency", request.scopeCode());
        }
    }

    private void execute(long id, RunRequest request) {
        try {
            RunReport report = new Run(id, request).go();
            runs.done(id, request.electionId(), report);
            log.info("assignment run {} for {}: {} of {} stations with a primary", id, request.electionId(), report.withPrimary(), report.stations());
        } catch (RuntimeException e) {
            log.error("assignment run {} failed", id, e);
            runs.failed(id, request.electionId(), e instanceof AssignmentProblem p ? p.key() : e.toString());
            if (e instanceof AssignmentProblem) {
                throw e;
            }
        }
    }

    /** One run's working state. */
    private final class Run {

        private final long id;
        private final RunRequest request;
        private final long started = System.nanoTime();
        private final Map<String, Integer> unplaced = new TreeMap<>();
        private final List<Assignments.NewAssignment> planned = new ArrayList<>();
        private final List<AssignmentView> released = new ArrayList<>();
        private final List<AssignmentView> promoted = new ArrayList<>();
        private double solveSeconds;
        /** The quick count's sample stations: a primary and a backup each before other stations get a backup. */
        private Set<Long> sample = Set.of();
        /** The pool as read at the start (everyone's, or one organisation's). */
        private List<VolunteerPool.Member> loaded = List.of();
        private final Map<String, Double> phases = new LinkedHashMap<>();
        private long phaseStart = System.nanoTime();

        private void phase(String name) {
            long now = System.nanoTime();
            phases.put(name, round((now - phaseStart) / 1e9));
            phaseStart = now;
        }

        Run(long id, RunRequest request) {
            this.id = id;
            this.request = request;
        }

        RunReport go() {
            String election = request.electionId();
            runs.progress(id, "loading", 5);
            List<StationPoint> allStations = catalog.stationPoints(election);
            List<StationPoint> stations = allStations.stream().filter(this::inScope).toList();
            Map<Long, StationPoint> stationById = new HashMap<>();
            allStations.forEach(s -> stationById.put(s.id(), s));
            Homes homes = new Homes(catalog.districts(election), catalog.provinces(election));
            List<AssignmentView> existing = assignments.ofElection(election);
            sample = samples.of(election);
            Set<Long> declined = new HashSet<>(assignments.declinedIn(election));

            // Re-planning frees what nobody has seen yet; everything else is pinned.
            Set<Long> scopeStations = stations.stream().map(StationPoint::id).collect(Collectors.toSet());
            Set<Long> scopeConstituencies = stations.stream().map(StationPoint::constituencyId).collect(Collectors.toSet());
            List<AssignmentView> kept = new ArrayList<>();
            for (AssignmentView a : existing) {
                boolean inScope = switch (a.tier()) {
                    case STATION -> scopeStations.contains(a.placeId());
                    case CONSTITUENCY_LEAD -> scopeConstituencies.contains(a.placeId());
                    case WAR_ROOM -> request.scope() == RunRequest.Scope.ELECTION;
                };
                boolean mine = request.organisation() == null || request.organisation().value() == a.organisationId();
                if (request.mode() == RunRequest.Mode.REPLAN && inScope && mine && !a.pinned()) {
                    released.add(a);
                } else {
                    kept.add(a);
                }
            }
            Set<Long> placedAlready = kept.stream().map(a -> a.volunteer().value()).collect(Collectors.toSet());

            runs.progress(id, "pool", 15);
            loaded = pool.members(election, request.organisation());
            // a province or constituency run takes the volunteers who live in its province
            Set<String> scopeProvinces = stations.stream().map(StationPoint::provinceCode).collect(Collectors.toSet());
            List<VolunteerPool.Member> members = loaded.stream()
                    .filter(m -> !placedAlready.contains(m.id().value()))
                    .filter(m -> request.scope() == RunRequest.Scope.ELECTION || scopeProvinces.contains(m.provinceCode()))
                    .toList();
            int poolSize = members.size();
            List<VolunteerPool.Member> free = new ArrayList<>();
            for (VolunteerPool.Member m : members) {
                if (declined.contains(m.id().value())) {
                    count("declined");
                } else if (homes.of(m).isEmpty()) {
                    count("no-home");
                } else {
                    free.add(m);
                }
            }
            Map<Long, VolunteerPool.Member> memberById = new HashMap<>();
            free.forEach(m -> memberById.put(m.id().value(), m));

            phase("load");
            long solveStart = System.nanoTime();
            StationsOutcome tier1 = stations(stations, kept, free, homes, memberById);
            runs.progress(id, "leads", 70);
            LeadsOutcome tier2 = leads(stations, kept, free, homes, memberById);
            runs.progress(id, "war room", 75);
            SeatsOutcome tier3 = warRoom(kept, free, homes, memberById);
            solveSeconds = (System.nanoTime() - solveStart) / 1e9;
            phase("solve");

            runs.progress(id, "saving", 80);
            save();
            phase("save");
            runs.progress(id, "report", 95);
            return report(stations, stationById, tier1, tier2, tier3, poolSize, homes);
        }

        private boolean inScope(StationPoint s) {
            return switch (request.scope()) {
                case ELECTION -> true;
                case PROVINCE -> s.provinceCode().equals(request.scopeCode());
                case CONSTITUENCY -> s.constituencyCode().equals(request.scopeCode());
            };
        }

        private void count(String reason) {
            unplaced.merge(reason, 1, Integer::sum);
        }

        private record StationsOutcome(List<StationPlanner.Placement> placements, int eligiblePrimaries) {
        }

        private StationsOutcome stations(List<StationPoint> stations, List<AssignmentView> kept, List<VolunteerPool.Member> free,
                Homes homes, Map<Long, VolunteerPool.Member> memberById) {
            Map<Long, AssignmentView> primary = new HashMap<>();
            Map<Long, AssignmentView> backup = new HashMap<>();
            kept.stream().filter(a -> a.tier() == Tier.STATION)
                    .forEach(a -> (a.position() == StationRole.PRIMARY.position() ? primary : backup).put(a.placeId(), a));
            // A station whose primary dropped out: its backup steps up, the backup slot is what needs filling.
            for (StationPoint s : stations) {
                AssignmentView b = backup.get(s.id());
                if (!primary.containsKey(s.id()) && b != null && mine(b)) {
                    promoted.add(b);
                    primary.put(s.id(), b);
                    backup.remove(s.id());
                }
            }
            List<StationPlanner.Station> open = stations.stream()
                    .filter(s -> !primary.containsKey(s.id()) || !backup.containsKey(s.id()))
                    .map(s -> new StationPlanner.Station(s.id(), new StationPlanner.Point(s.latitude(), s.longitude()), s.priority(),
                            sample.contains(s.id()), !primary.containsKey(s.id()), !backup.containsKey(s.id())))
                    .toList();
            List<StationPlanner.Volunteer> volunteers = free.stream()
                    .filter(m -> m.role() == RolePreference.STATION)
                    .map(m -> new StationPlanner.Volunteer(m.id().value(), homes.of(m).orElseThrow(), m.availability() != Availability.STANDBY))
                    .toList();
            int eligiblePrimaries = (int) volunteers.stream().filter(StationPlanner.Volunteer::canBePrimary).count();
            runs.progress(id, "stations", 20);
            List<StationPlanner.Placement> placements = new StationPlanner(Math.round(properties.priorityBonusKm() * 1000))
                    .plan(volunteers, open, (pass, placed, wanted) -> runs.progress(id, "stations", 20 + Math.min(45, pass * 10)));
            Map<Long, StationPoint> byId = new HashMap<>();
            stations.forEach(s -> byId.put(s.id(), s));
            Set<Long> placed = new HashSet<>();
            for (StationPlanner.Placement p : placements) {
                StationPoint s = byId.get(p.station());
                VolunteerPool.Member m = memberById.get(p.volunteer());
                planned.add(new Assignments.NewAssignment(request.electionId(), p.volunteer(), m.organisation().value(), Tier.STATION,
                        s.id(), p.position(), s.constituencyId(), s.provinceCode(), AssignmentView.Source.AUTO, round(p.km()), id,
                        AssignmentLinks.newNonce(), request.actor()));
                placed.add(p.volunteer());
            }
            volunteers.stream().filter(v -> !placed.contains(v.id()))
                    .forEach(v -> count(v.canBePrimary() ? "station-slots-full" : "standby-no-backup-slot"));
            free.removeIf(m -> placed.contains(m.id().value()));
            return new StationsOutcome(placements, eligiblePrimaries);
        }

        private RunReport.SampleCover sampleCover(List<StationPoint> stations, Set<Long> withPrimary, Set<Long> withBackup) {
            List<Long> inScope = stations.stream().map(StationPoint::id).filter(sample::contains).toList();
            return inScope.isEmpty() ? null : new RunReport.SampleCover(inScope.size(), (int) inScope.stream().filter(withPrimary::contains).count(),
                    (int) inScope.stream().filter(withBackup::contains).count());
        }

        private boolean mine(AssignmentView a) {
            return request.organisation() == null || request.organisation().value() == a.organisationId();
        }

        private record LeadsOutcome(int roles, int filledBefore, int placed) {
        }

        private LeadsOutcome leads(List<StationPoint> stations, List<AssignmentView> kept, List<VolunteerPool.Member> free, Homes homes,
                Map<Long, VolunteerPool.Member> memberById) {
            Map<Long, List<StationPoint>> byConstituency = stations.stream().collect(Collectors.groupingBy(StationPoint::constituencyId,
                    LinkedHashMap::new, Collectors.toList()));
            Set<String> takenSlots = kept.stream().filter(a -> a.tier() == Tier.CONSTITUENCY_LEAD)
                    .map(a -> a.placeId() + ":" + a.position()).collect(Collectors.toSet());
            record Role(long constituency, String province, int position, StationPlanner.Point centre) {
            }
            List<Role> openRoles = new ArrayList<>();
            int roles = 0;
            for (var e : byConstituency.entrySet()) {
                double lat = e.getValue().stream().mapToDouble(StationPoint::latitude).average().orElseThrow();
                double lon = e.getValue().stream().mapToDouble(StationPoint::longitude).average().orElseThrow();
                for (int position = 1; position <= properties.leadsPerConstituency(); position++) {
                    roles++;
                    if (!takenSlots.contains(e.getKey() + ":" + position)) {
                        openRoles.add(new Role(e.getKey(), e.getValue().get(0).provinceCode(), position, new StationPlanner.Point(lat, lon)));
                    }
                }
            }
            List<VolunteerPool.Member> candidates = free.stream().filter(m -> m.role() == RolePreference.CONSTITUENCY_LEAD).toList();
            candidates.stream().filter(m -> m.availability() == Availability.STANDBY).forEach(m -> count("standby-reserve"));
            List<VolunteerPool.Member> usable = candidates.stream().filter(m -> m.availability() != Availability.STANDBY).toList();
            List<FlowPlanner.Flow> flows = List.of();
            Map<StationPlanner.Point, List<Long>> byHome = new LinkedHashMap<>();
            usable.forEach(m -> byHome.computeIfAbsent(homes.of(m).orElseThrow(), k -> new ArrayList<>()).add(m.id().value()));
            List<StationPlanner.Point> points = new ArrayList<>(byHome.keySet());
            if (!openRoles.isEmpty() && !usable.isEmpty()) {
                flows = new FlowPlanner(points.stream().map(p -> new FlowPlanner.Group(p.latitude(), p.longitude(), byHome.get(p).size())).toList(),
                        openRoles.stream().map(r -> new FlowPlanner.Place(r.centre().latitude(), r.centre().longitude(), 1, 0)).toList())
                        .solve((pass, placed, wanted) -> { });
            }
            int[] next = new int[points.size()];
            Set<Long> placed = new HashSet<>();
            for (FlowPlanner.Flow f : flows) {
                Role role = openRoles.get(f.place());
                for (int i = 0; i < f.amount(); i++) {
                    long volunteer = byHome.get(points.get(f.group())).get(next[f.group()]++);
                    planned.add(new Assignments.NewAssignment(request.electionId(), volunteer, memberById.get(volunteer).organisation().value(),
                            Tier.CONSTITUENCY_LEAD, role.constituency(), role.position(), role.constituency(), role.province(),
                            AssignmentView.Source.AUTO, round(f.km()), id, AssignmentLinks.newNonce(), request.actor()));
                    placed.add(volunteer);
                }
            }
            usable.stream().filter(m -> !placed.contains(m.id().value())).forEach(m -> count("lead-roles-full"));
            free.removeIf(m -> placed.contains(m.id().value()));
            return new LeadsOutcome(roles, roles - openRoles.size(), placed.size());
        }

        private record SeatsOutcome(int seats, int filledBefore, int placed) {
        }

        private SeatsOutcome warRoom(List<AssignmentView> kept, List<VolunteerPool.Member> free, Homes homes,
                Map<Long, VolunteerPool.Member> memberById) {
            List<VolunteerPool.Member> candidates = free.stream().filter(m -> m.role() == RolePreference.WAR_ROOM).toList();
            if (request.scope() != RunRequest.Scope.ELECTION) {
                candidates.forEach(m -> count("war-room-national-runs-only"));
                return new SeatsOutcome(0, 0, 0);
            }
            List<WarRoomShifts.Shift> all = shifts.of(request.electionId());
            Set<String> taken = kept.stream().filter(a -> a.tier() == Tier.WAR_ROOM).map(a -> a.placeId() + ":" + a.position())
                    .collect(Collectors.toSet());
            record Seat(WarRoomShifts.Shift shift, int position) {
            }
            List<Seat> open = new ArrayList<>();
            int seats = 0;
            for (WarRoomShifts.Shift s : all) {
                for (int position = 1; position <= s.seats(); position++) {
                    seats++;
                    if (!taken.contains(s.id() + ":" + position)) {
                        open.add(new Seat(s, position));
                    }
                }
            }
            candidates.stream().filter(m -> m.availability() == Availability.STANDBY).forEach(m -> count("standby-reserve"));
            // Count-only volunteers sit only in shifts that cover the count (ending after 17:00 local time).
            record Home(StationPlanner.Point point, boolean countOnly) {
            }
            Map<Home, List<Long>> byHome = new LinkedHashMap<>();
            candidates.stream().filter(m -> m.availability() != Availability.STANDBY)
                    .forEach(m -> byHome.computeIfAbsent(new Home(homes.of(m).orElseThrow(), m.availability() == Availability.COUNT_ONLY),
                            k -> new ArrayList<>()).add(m.id().value()));
            List<Home> keys = new ArrayList<>(byHome.keySet());
            LocalTime countStarts = LocalTime.of(17, 0);
            Predicate<Seat> coversCount = seat -> seat.shift().endsAt().atZone(properties.zone()).toLocalTime().isAfter(countStarts)
                    || !seat.shift().endsAt().atZone(properties.zone()).toLocalDate().equals(seat.shift().startsAt().atZone(properties.zone()).toLocalDate());
            List<FlowPlanner.Flow> flows = open.isEmpty() || keys.isEmpty() ? List.of()
                    : new FlowPlanner(keys.stream().map(h -> new FlowPlanner.Group(h.point().latitude(), h.point().longitude(), byHome.get(h).size())).toList(),
                            open.stream().map(s -> new FlowPlanner.Place(properties.warRoomLatitude(), properties.warRoomLongitude(), 1, 0)).toList(),
                            (g, p) -> !keys.get(g).countOnly() || coversCount.test(open.get(p)))
                            .solve((pass, placed, wanted) -> { });
            int[] next = new int[keys.size()];
            Set<Long> placed = new HashSet<>();
            for (FlowPlanner.Flow f : flows) {
                Seat seat = open.get(f.place());
                for (int i = 0; i < f.amount(); i++) {
                    long volunteer = byHome.get(keys.get(f.group())).get(next[f.group()]++);
                    planned.add(new Assignments.NewAssignment(request.electionId(), volunteer, memberById.get(volunteer).organisation().value(),
                            Tier.WAR_ROOM, seat.shift().id(), seat.position(), null, null, AssignmentView.Source.AUTO, round(f.km()), id,
                            AssignmentLinks.newNonce(), request.actor()));
                    placed.add(volunteer);
                }
            }
            byHome.values().stream().flatMap(List::stream).filter(v -> !placed.contains(v))
                    .forEach(v -> count(all.isEmpty() ? "no-war-room-shifts" : "war-room-seats-full"));
            free.removeIf(m -> placed.contains(m.id().value()));
            return new SeatsOutcome(seats, seats - open.size(), placed.size());
        }

        /** One transaction: the released go, the backups step up, the plan goes in, the registry learns who is placed. */
        private void save() {
            transaction.executeWithoutResult(status -> {
                assignments.deleteAll(released.stream().map(a -> a.id().value()).toList());
                released.forEach(a -> assignments.history(a, "RELEASED", request.actor(), "re-planned by run " + id));
                for (AssignmentView b : promoted) {
                    assignments.reposition(b.id(), StationRole.PRIMARY.position());
                    assignments.history(b, "PROMOTED", request.actor(), "the primary dropped out; run " + id);
                }
                assignments.insertAll(planned);
                Set<Long> landed = assignments.ofRun(id).stream().map(a -> a.volunteer().value()).collect(Collectors.toSet());
                Set<Long> releasedOnly = released.stream().map(a -> a.volunteer().value()).filter(v -> !landed.contains(v))
                        .collect(Collectors.toSet());
                pool.assignmentStatus(ids(releasedOnly), AssignmentStatus.UNASSIGNED);
                pool.assignmentStatus(ids(landed), AssignmentStatus.ASSIGNED);
            });
        }

        private Map<String, Double> reportPhases() {
            phase("report");
            return phases;
        }

        private RunReport report(List<StationPoint> stations, Map<Long, StationPoint> stationById, StationsOutcome tier1,
                LeadsOutcome tier2, SeatsOutcome tier3, int poolSize, Homes homes) {
            List<AssignmentView> landed = assignments.ofRun(id);
            int takenMeanwhile = planned.size() - landed.size();
            Set<Long> scope = stations.stream().map(StationPoint::id).collect(Collectors.toSet());
            Set<Long> withPrimary = new HashSet<>();
            Set<Long> withBackup = new HashSet<>();
            for (AssignmentView a : assignments.ofElection(request.electionId())) {
                if (a.tier() == Tier.STATION && scope.contains(a.placeId())) {
                    (a.position() == StationRole.PRIMARY.position() ? withPrimary : withBackup).add(a.placeId());
                }
            }
            List<AssignmentView> atStations = landed.stream().filter(a -> a.tier() == Tier.STATION).toList();
            double[] km = atStations.stream().mapToDouble(a -> a.distanceKm() == null ? 0 : a.distanceKm()).sorted().toArray();
            double mean = Arrays.stream(km).average().orElse(0);
            double p95 = km.length == 0 ? 0 : km[(int) Math.min(km.length - 1, Math.ceil(km.length * 0.95) - 1)];

            // Lower bounds: each placed volunteer to their nearest station; each filled station from the nearest home.
            List<FlowPlanner.Place> points = stations.stream().map(s -> new FlowPlanner.Place(s.latitude(), s.longitude(), 1, 0)).toList();
            PlaceGrid stationGrid = new PlaceGrid(points);
            Map<Long, StationPlanner.Point> homeOf = new HashMap<>();
            // the bounds count every volunteer's home: an organisation's run read only its own, the others are read here
            List<VolunteerPool.Member> everyone = request.organisation() == null ? loaded : pool.members(request.electionId());
            everyone.forEach(m -> homes.of(m).ifPresent(h -> homeOf.put(m.id().value(), h)));
            // volunteers share a few hundred home points: one search per point
            Map<StationPlanner.Point, Double> nearestKm = new HashMap<>();
            double lower = atStations.stream().mapToDouble(a -> {
                StationPlanner.Point h = homeOf.get(a.volunteer().value());
                if (h == null) {
                    return 0;
                }
                return nearestKm.computeIfAbsent(h, k -> {
                    StationPoint s = stations.get(stationGrid.nearest(k.latitude(), k.longitude(), 1, p -> true)[0]);
                    return GreatCircle.km(k.latitude(), k.longitude(), s.latitude(), s.longitude());
                });
            }).average().orElse(0);
            List<StationPlanner.Point> homePoints = new ArrayList<>(new HashSet<>(homeOf.values()));
            PlaceGrid homeGrid = new PlaceGrid(homePoints.stream().map(h -> new FlowPlanner.Place(h.latitude(), h.longitude(), 1, 0)).toList());
            double stationBound = homePoints.isEmpty() ? 0 : atStations.stream().mapToDouble(a -> {
                StationPoint s = stationById.get(a.placeId());
                StationPlanner.Point h = homePoints.get(homeGrid.nearest(s.latitude(), s.longitude(), 1, p -> true)[0]);
                return GreatCircle.km(h.latitude(), h.longitude(), s.latitude(), s.longitude());
            }).average().orElse(0);

            int empty = stations.size() - withPrimary.size();
            Map<String, Integer> emptyReasons = new TreeMap<>();
            if (empty > 0) {
                int primariesPlaced = (int) atStations.stream().filter(a -> a.position() == 1).count();
                int shortBy = Math.max(0, empty - Math.max(0, tier1.eligiblePrimaries() - primariesPlaced));
                if (shortBy > 0) {
                    emptyReasons.put("volunteers-ran-out", shortBy);
                }
                if (empty - shortBy > 0) {
                    emptyReasons.put("taken-or-unreachable", empty - shortBy);
                }
            }
            Map<String, int[]> gaps = new TreeMap<>();
            for (StationPoint s : stations) {
                int[] g = gaps.computeIfAbsent(s.constituencyCode(), k -> new int[2]);
                g[1]++;
                if (!withPrimary.contains(s.id())) {
                    g[0]++;
                }
            }
            List<RunReport.Gap> emptiest = gaps.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                    .sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0])).limit(20)
                    .map(e -> new RunReport.Gap(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
            int primaries = (int) atStations.stream().filter(a -> a.position() == 1).count();
            int leadsPlaced = (int) landed.stream().filter(a -> a.tier() == Tier.CONSTITUENCY_LEAD).count();
            int seatsPlaced = (int) landed.stream().filter(a -> a.tier() == Tier.WAR_ROOM).count();
            return new RunReport(stations.size(), withPrimary.size(), withBackup.size(), primaries, atStations.size() - primaries,
                    promoted.size(), released.size(), leadsPlaced, tier2.roles(), tier2.filledBefore() + leadsPlaced, seatsPlaced,
                    tier3.seats(), tier3.filledBefore() + seatsPlaced, poolSize, round(mean), round(p95), round(lower),
                    round(stationBound), unplaced, emptyReasons, emptiest, takenMeanwhile, round(solveSeconds),
                    round((System.nanoTime() - started) / 1e9), reportPhases(), sampleCover(stations, withPrimary, withBackup));
        }
    }

    private static Collection<VolunteerId> ids(Collection<Long> values) {
        return values.stream().map(VolunteerId::new).toList();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Where volunteers start from: their home district's centre, else their province's. */
    static final class Homes {
        private final Map<String, StationPlanner.Point> districts = new HashMap<>();
        private final Map<String, StationPlanner.Point> provinces = new HashMap<>();

        Homes(List<DistrictView> districtViews, List<ProvinceView> provinceViews) {
            districtViews.stream().filter(d -> d.latitude() != null && d.longitude() != null)
                    .forEach(d -> districts.put(d.code(), new StationPlanner.Point(d.latitude(), d.longitude())));
            provinceViews.stream().filter(p -> p.latitude() != null && p.longitude() != null)
                    .forEach(p -> provinces.put(p.code(), new StationPlanner.Point(p.latitude(), p.longitude())));
        }

        Optional<StationPlanner.Point> of(VolunteerPool.Member m) {
            StationPlanner.Point district = m.districtCode() == null ? null : districts.get(m.districtCode());
            if (district != null) {
                return Optional.of(district);
            }
            return Optional.ofNullable(m.provinceCode() == null ? null : provinces.get(m.provinceCode()));
        }
    }
}

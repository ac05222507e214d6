package org.khanaen.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.RunReport;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.RunView;
import org.khanaen.assignment.WarRoomShifts;
import org.khanaen.elections.DistrictView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterImports;

/**
 * The national assignment: the 2023 stations, 100,000 volunteers imported through the coordinators'
 * CSV path (homes spread over districts as the stations are, 97.5% for stations, 2% leads, 0.5% war
 * room), four war-room shifts of 25 seats, then one automatic run for the whole election, timed from
 * the request to the written plan and its report. Repeated runs start again from no assignments.
 */
final class AssignmentBench {

    private static final String ELECTION = "th-2566";

    private final Server server;
    private final int volunteers;
    private final int runs;
    private final boolean mail;

    AssignmentBench(Server server, int volunteers, int runs, boolean mail) {
        this.server = server;
        this.volunteers = volunteers;
        this.runs = runs;
        this.mail = mail;
    }

    void run() throws Exception {
        PhysicalReference reference = server.describeAndMeasure();
        String url = server.freshSchema("bench_assignment");
        try (var app = server.startApp(url)) {
            app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
            ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
            byte[] csv = csv(catalog.districts(ELECTION), catalog.stationPoints(ELECTION), volunteers, false);
            OrganisationId org = app.getBean(PartnerOrganisations.class)
                    .create(new OrganisationDraft("bench", "องค์กรทดสอบ", "Bench", null, null, null)).id();
            RosterImports imports = app.getBean(RosterImports.class);
            long job = imports.upload(org, "volunteers.csv", csv, "bench");
            VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.CHECKED);
            imports.importValidRows(org, job, "bench");
            RosterImports.Job imported = VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.IMPORTED);
            System.out.printf("%,d volunteers imported%n", imported.importedRows());
            var day = catalog.election(ELECTION).orElseThrow().date();
            ZoneId bangkok = ZoneId.of("Asia/Bangkok");
            WarRoomShifts shifts = app.getBean(WarRoomShifts.class);
            for (int[] hours : new int[][] { { 6, 12 }, { 12, 17 }, { 16, 21 }, { 20, 24 } }) {
                shifts.add(ELECTION, String.format("%02d-%02d", hours[0], hours[1]),
                        day.atTime(LocalTime.of(hours[0], 0)).atZone(bangkok).toInstant(),
                        day.atStartOfDay(bangkok).plusHours(hours[1]).toInstant(), 25);
            }

            List<RunReport> reports = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                clear(url);
                RunView view = app.getBean(AutoAssignment.class)
                        .runAndWait(new RunRequest(ELECTION, RunRequest.Scope.ELECTION, null, null, RunRequest.Mode.FILL, "bench"));
                if (view.status() != RunView.Status.DONE) {
                    throw new IllegalStateException("run " + run + " " + view.status() + ": " + view.error());
                }
                RunReport r = view.report();
                reports.add(r);
                System.out.printf("run %d: %.2f s (solve %.2f s); %,d of %,d stations with a primary (%.2f%%), %,d backups; leads %,d/%,d; war room %,d/%,d;"
                        + " mean %.2f km, p95 %.2f km; bounds: nearest station %.2f km, nearest home %.2f km; unplaced %s; empty %s; phases %s%n",
                        run, r.totalSeconds(), r.solveSeconds(), r.withPrimary(), r.stations(), 100 * r.coverage(), r.withBackup(),
                        r.leadRolesFilled(), r.leadRoles(), r.warRoomSeatsFilled(), r.warRoomSeats(), r.meanKm(), r.p95Km(),
                        r.lowerBoundKm(), r.stationBoundKm(), r.unplacedVolunteers(), r.emptyStations(), r.phaseSeconds());
            }
            if (mail) {
                // the assignment mails of the last plan: queued in the outbox (place, map link, .ics, signed links)
                var notices = app.getBean(org.khanaen.assignment.AssignmentNotices.class);
                long start = System.nanoTime();
                int queued = notices.notifyPending(ELECTION);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("assignment mails: %,d queued in %.1f s (%,.0f mails/s)%n", queued, seconds, queued / seconds);
            }
            reports.sort(Comparator.comparingDouble(RunReport::totalSeconds));
            RunReport m = reports.get(reports.size() / 2);
            System.out.printf("%n| %s | assignment, %,d volunteers → %,d stations, all tiers | median of %d: **%.2f s** (solve %.2f s, min %.2f s) | coverage %.2f%% primaries, %,d backups | mean %.2f km, p95 %.2f km; nearest-station bound %.2f km (%.1f×), nearest-home bound %.2f km (%.2f×) | raw JDBC %,.0f rows/s batched, %,.0f rows/s per-row commit |%n",
                    java.time.LocalDate.now(), volunteers, m.stations(), runs, m.totalSeconds(), m.solveSeconds(), reports.get(0).totalSeconds(),
                    100 * m.coverage(), m.withBackup(), m.meanKm(), m.p95Km(), m.lowerBoundKm(), m.meanKm() / m.lowerBoundKm(),
                    m.stationBoundKm(), m.meanKm() / m.stationBoundKm(), reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
        } finally {
            server.drop(url);
        }
    }

    /** Back to no assignments, so that every run plans the whole country. */
    private void clear(String url) throws Exception {
        try (Connection c = server.connect(url)) {
            c.createStatement().execute("delete from assignment");
            c.createStatement().execute("delete from assignment_history");
            c.createStatement().execute("update volunteer set assignment_status = 'UNASSIGNED'");
        }
    }

    /**
     * Homes where the stations are: each district weighted by the stations nearest its centre. Roles 97.5% station,
     * 2% lead, 0.5% war room, unless {@code stationsOnly} (then everyone is a station volunteer all day).
     */
    static byte[] csv(List<DistrictView> allDistricts, List<StationPoint> stations, int volunteers, boolean stationsOnly) {
        List<DistrictView> districts = allDistricts.stream().filter(d -> d.latitude() != null).toList();
        double[] weight = new double[districts.size()];
        for (StationPoint s : stations) {
            int best = 0;
            double bestKm = Double.MAX_VALUE;
            for (int i = 0; i < districts.size(); i++) {
                double north = districts.get(i).latitude() - s.latitude();
                double east = (districts.get(i).longitude() - s.longitude()) * Math.cos(Math.toRadians(s.latitude()));
                double d = north * north + east * east;
                if (d < bestKm) {
                    bestKm = d;
                    best = i;
                }
            }
            weight[best]++;
        }
        double[] cumulative = new double[weight.length];
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            total += weight[i];
            cumulative[i] = total;
        }
        var random = new SplittableRandom(2566);
        StringBuilder csv = new StringBuilder(volunteers * 110)
                .append("\uFEFFfull_name,phone,email,line_id,district_code,role_preference,availability\r\n");
        for (int i = 0; i < volunteers; i++) {
            int k = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
            DistrictView home = districts.get(k < 0 ? Math.min(-k - 1, districts.size() - 1) : k);
            int role = stationsOnly ? 0 : random.nextInt(1000);
            int availability = stationsOnly ? 0 : random.nextInt(100);
            csv.append("อาสา ").append(name(i)).append(',')
                    .append("08").append(String.format("%08d", 10_000_000 + i)).append(',')
                    .append("volunteer").append(i).append("@bench.example.org").append(",,")
                    .append(home.code()).append(',')
                    .append(role < 975 ? "station" : role < 995 ? "constituency_lead" : "war_room").append(',')
                    .append(availability < 80 ? "all_day" : availability < 99 ? "count_only" : "standby").append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String name(int i) {
        StringBuilder name = new StringBuilder();
        for (char c : String.valueOf(i).toCharArray()) {
            name.append("กขคงจฉชซฌญ".charAt(c - '0'));
        }
        return name.toString();
    }
}

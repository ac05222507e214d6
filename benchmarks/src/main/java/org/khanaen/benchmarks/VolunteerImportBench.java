package org.khanaen.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import org.khanaen.elections.DistrictView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterImports;

/**
 * The national load: the 2023 stations, then 100,000 volunteers from one CSV through the coordinator's
 * own path (upload, row-by-row check, import of the valid rows in one transaction), timed end to end.
 */
final class VolunteerImportBench {

    private static final String[] FIRST = { "สมชาย", "สมหญิง", "ประเสริฐ", "มาลี", "สุดา", "วิชัย", "อรุณี", "กิตติ", "ปราณี", "ธนา",
            "นภา", "วีระ", "จันทร์เพ็ญ", "สุรชัย", "พรทิพย์", "อนุชา", "ศิริพร", "ชัยวัฒน์", "รัตนา", "ณัฐพล" };
    private static final String[] LAST = { "ใจดี", "รักชาติ", "ศรีสุข", "มั่นคง", "ทองดี", "แก้วมณี", "บุญมา", "สายทอง", "พงษ์ไทย",
            "วงศ์สวัสดิ์", "จันทร์หอม", "ปัญญาดี", "เรืองศรี", "อินทร์แก้ว", "สุขประเสริฐ" };

    private final Server server;
    private final int rows;
    private final int runs;

    VolunteerImportBench(Server server, int rows, int runs) {
        this.server = server;
        this.rows = rows;
        this.runs = runs;
    }

    private record Run(double stations, double check, double load, double total) {
    }

    void run() throws Exception {
        PhysicalReference reference = server.describeAndMeasure();
        java.util.List<Run> results = new java.util.ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            results.add(once(run));
        }
        results.sort(java.util.Comparator.comparingDouble(r -> r.check() + r.load()));
        Run median = results.get(results.size() / 2);
        System.out.printf("%n| %s | volunteer CSV import, %,d rows | median of %d: check %.2f s + import %.2f s = **%.2f s** (min %.2f s) | %,.0f rows/s | national stations + volunteers loaded: %.2f s | raw JDBC %,.0f rows/s batched, %,.0f rows/s per-row commit |%n",
                java.time.LocalDate.now(), rows, runs, median.check(), median.load(), median.check() + median.load(),
                results.get(0).check() + results.get(0).load(), rows / (median.check() + median.load()), median.total(),
                reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
    }

    private Run once(int run) throws Exception {
        String url = server.freshSchema("bench_volunteers");
        try (var app = server.startApp(url)) {
            long start = System.nanoTime();
            app.getBean(ElectionImports.class).importBuiltIn("th-2566");
            double stations = seconds(start);
            List<DistrictView> districts = app.getBean(ElectionCatalog.class).districts("th-2566");
            byte[] csv = csv(districts);
            System.out.printf("run %d: stations loaded in %.2f s; CSV of %,d rows, %.1f MB%n", run, stations, rows, csv.length / 1e6);

            OrganisationId org = app.getBean(PartnerOrganisations.class)
                    .create(new OrganisationDraft("bench", "องค์กรทดสอบ", "Bench", null, null, null)).id();
            RosterImports imports = app.getBean(RosterImports.class);
            long uploaded = System.nanoTime();
            long job = imports.upload(org, "volunteers.csv", csv, "bench");
            RosterImports.Job checked = waitFor(imports, org, job, RosterImports.Status.CHECKED);
            double check = seconds(uploaded);
            long importing = System.nanoTime();
            imports.importValidRows(org, job, "bench");
            RosterImports.Job imported = waitFor(imports, org, job, RosterImports.Status.IMPORTED);
            double load = seconds(importing);
            double total = seconds(start);
            System.out.printf("run %d: check %,d rows (%,d valid, %,d with problems) in %.2f s; import %,d volunteers in %.2f s; total %.2f s%n",
                    run, checked.totalRows(), checked.validRows(), checked.invalidRows(), check, imported.importedRows(), load, check + load);
            return new Run(stations, check, load, total);
        } finally {
            server.drop(url);
        }
    }

    private byte[] csv(List<DistrictView> districts) {
        var random = new SplittableRandom(2566);
        StringBuilder csv = new StringBuilder(rows * 110).append("\uFEFFfull_name,phone,email,line_id,district_code,role_preference,availability\r\n");
        for (int i = 0; i < rows; i++) {
            int role = random.nextInt(100);
            csv.append(FIRST[random.nextInt(FIRST.length)]).append(' ').append(LAST[random.nextInt(LAST.length)]).append(',')
                    .append("08").append(String.format("%08d", 10_000_000 + i)).append(',')
                    .append("volunteer").append(i).append("@bench.example.org").append(',')
                    .append(i % 3 == 0 ? "line" + i : "").append(',')
                    .append(districts.get(random.nextInt(districts.size())).code()).append(',')
                    .append(role < 90 ? "station" : role < 95 ? "constituency_lead" : "war_room").append(',')
                    .append(role % 3 == 0 ? "count_only" : role % 7 == 0 ? "standby" : "all_day").append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static RosterImports.Job waitFor(RosterImports imports, OrganisationId org, long job, RosterImports.Status wanted)
            throws InterruptedException {
        while (true) {
            RosterImports.Job state = imports.job(org, job).orElseThrow();
            if (state.status() == wanted) {
                return state;
            }
            if (state.status() == RosterImports.Status.FAILED || state.status() == RosterImports.Status.CANCELLED) {
                throw new IllegalStateException("import " + state.status() + ": " + state.problems());
            }
            Thread.sleep(50);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AssignmentResponses;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.RunReport;
import org.khanaen.assignment.RunView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.platform.mail.DevMail;
import org.khanaen.platform.mail.DevMailbox;
import org.khanaen.results.ReportIntake;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterImports;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The rehearsal's set-up, as the people of election day do it through the app: the administrator loads the 2023
 * election and creates the partner organisations, whose coordinators accept their invitations and bring their volunteers
 * (CSV imports, one organisation through its API); one automatic assignment; the assignment mail, answered through its
 * links; check-ins on the day with no-shows; the leads putting backups in place, the war room covering what the leads
 * cannot; a reporting token for every reporter. Each step is one {@link Figures}. Where a step uses a service bean
 * instead of HTTP, the code says so and why.
 */
public final class SetUp {

    public record Options(int volunteers, int organisations, double noShow, int warRoom, long seed) {
        public static Options defaults() {
            return new Options(100_000, 50, 0.03, 100, 2566);
        }
    }

    public record Result(Cast cast, List<Figures> figures) {
    }

    static final String ELECTION = "th-2566";
    private static final Pattern INVITATION = Pattern.compile("/invitation/([A-Za-z0-9_\\-]+)");
    private static final Pattern API_TOKEN = Pattern.compile("(khn_[A-Za-z0-9_\\-]+)");
    private static final Pattern RESPOND = Pattern.compile("/assignment/respond\\?token=([A-Za-z0-9_\\-.~%]+)");
    private static final Pattern REPORT_TOKEN = Pattern.compile("<code class=\"token\">([^<]+)</code>");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern RUN = Pattern.compile("/runs/(\\d+)");
    private static final Pattern JOB = Pattern.compile("/import/(\\d+)");
    private static final Pattern TO_TELL = Pattern.compile("\"toTell\"\\s*:\\s*(\\d+)");
    private static final Pattern WAITING = Pattern.compile("\"waiting\"\\s*:\\s*(\\d+)");
    private static final Pattern ADDRESS = Pattern.compile("<([^>]+)>");
    /** Station volunteers checking in over HTTP (each one a password hash to make and one to check). */
    private static final int CHECK_IN_SAMPLE = 100;
    /** Assignment mails answered by following their link over HTTP; the rest through the same service. */
    private static final int ANSWER_SAMPLE = 3_000;
    private static final double DECLINE = 0.005;

    /** On the in-process app (context {@code app}, web server at {@code base}, fresh schema, no election yet). */
    public static Result run(ConfigurableApplicationContext app, URI base, Options o) throws Exception {
        return run(app, base, o, null);
    }

    /** The same for only the stations of some constituencies (codes like "UDN_1", or a province's code for all of its), for quick trial runs; null = all. */
    public static Result run(ConfigurableApplicationContext app, URI base, Options o, Set<String> constituencies) throws Exception {
        SetUp s = new SetUp(app, base, o, constituencies);
        List<Figures> figures = new ArrayList<>();
        figures.add(s.election());
        figures.add(s.organisations());
        figures.add(s.volunteers());
        figures.add(s.assignment());
        figures.add(s.accounts()); // step 9, before the mail: the leads and the sampled volunteers sign in on it, the rest answer by it
        figures.add(s.mails());
        figures.add(s.checkIns());
        figures.add(s.leads());
        figures.add(s.tokens());
        return new Result(s.cast(), figures);
    }

    private final ConfigurableApplicationContext app;
    private final URI base;
    private final Options o;
    private Set<String> only; // province codes (no "_") widened to their constituencies once the election is loaded
    private final ElectionCatalog catalog;
    private final DataSource db;
    private final SecureRandom secure = new SecureRandom();
    private final SplittableRandom random;

    private Cast.Account admin;
    private List<StationPoint> stations;
    private List<String> codes;
    private Map<Long, String> codeOf; // constituency id → code
    private Map<Long, StationPoint> stationById;
    private final List<Org> orgs = new ArrayList<>();
    private int apiOrg;
    private final Map<String, Cast.Account> leads = new ConcurrentHashMap<>();
    private final List<Cast.Account> warRoom = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, AccountId> accountOf = new ConcurrentHashMap<>(); // volunteer → their account
    private final Map<Long, String> sampleTokens = new ConcurrentHashMap<>(); // volunteer → token their phone got over HTTP
    private final Map<Long, String> samplePasswords = new ConcurrentHashMap<>(); // volunteer → password (the HTTP check-in sample)
    private final Map<Long, String> sampleEmails = new ConcurrentHashMap<>();
    private boolean checkInOpen;

    private record Org(String slug, OrganisationId id, String coordinator, String password, String apiToken) {
    }

    private SetUp(ConfigurableApplicationContext app, URI base, Options o, Set<String> only) {
        this.app = app;
        this.base = base;
        this.o = o;
        this.only = only;
        this.catalog = app.getBean(ElectionCatalog.class);
        this.db = app.getBean(DataSource.class);
        this.random = new SplittableRandom(o.seed());
        if (o.organisations() < 2) {
            throw new IllegalArgumentException("at least two organisations: one imports by CSV, one sends through the API");
        }
    }

    // 1 ---------------------------------------------------------------------------------------------------------------

    private Figures election() throws Exception {
        // The administrator: the app makes its first one with a one-time password only printed to the log, which a
        // script cannot read; so a second administrator is created through the accounts service (AccountDirectory).
        String password = password();
        app.getBean(AccountDirectory.class).create(new NewAccount("rehearsal-admin", "ผู้ดูแลการซ้อมใหญ่", password, Set.of(Role.ADMIN), false));
        admin = new Cast.Account(null, "rehearsal-admin", password);
        Figures.Latencies latencies = new Figures.Latencies();
        Browser adminBrowser = new Browser(base, latencies);
        List<String> problems = new ArrayList<>();
        if (!adminBrowser.signIn(admin.email(), admin.password())) {
            throw new IllegalStateException("the administrator could not sign in");
        }
        long start = System.nanoTime();
        adminBrowser.get("/admin/elections");
        // the page's own built-in import: it loads synchronously and answers with the election's page
        Browser.Page answer = adminBrowser.post("/admin/elections/import/built-in", Map.of("id", ELECTION));
        double seconds = seconds(start);
        adminBrowser.close();
        if (answer.status() != 302 || !answer.location().endsWith("/admin/elections/" + ELECTION)) {
            throw new IllegalStateException("the built-in import answered " + answer.status() + " " + answer.location());
        }
        List<StationPoint> all = catalog.stationPoints(ELECTION);
        codeOf = new HashMap<>();
        catalog.constituencies(ELECTION, Optional.empty()).forEach(c -> codeOf.put(c.id(), c.code()));
        if (only != null) { // a province's code (no "_") stands for all its constituencies
            Set<String> codesNamed = new HashSet<>();
            only.stream().filter(c -> !c.contains("_")).forEach(p -> codeOf.values().stream().filter(c -> c.startsWith(p + "_")).forEach(codesNamed::add));
            only.stream().filter(c -> c.contains("_")).forEach(codesNamed::add);
            only = codesNamed;
            Set<String> unknown = new HashSet<>(only);
            unknown.removeAll(codeOf.values());
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no such constituencies in " + ELECTION + ": " + unknown);
            }
        }
        stations = only == null ? all : all.stream().filter(s -> only.contains(s.constituencyCode())).toList();
        stationById = new HashMap<>();
        stations.forEach(s -> stationById.put(s.id(), s));
        codes = stations.stream().map(StationPoint::constituencyCode).distinct().sorted().toList();
        return Figures.of("1 election th-2566 (admin page's built-in import)", seconds, all.size(), "stations", latencies.toArray(),
                List.of(String.format("%d constituencies; in scope: %,d stations of %d constituencies", codeOf.size(), stations.size(), codes.size())),
                problems);
    }

    // 2 ---------------------------------------------------------------------------------------------------------------

    private static final String[] ORG_KINDS = { "เครือข่ายอาสาจับตาการเลือกตั้ง", "สมาคมพลเมืองโปร่งใส", "มูลนิธิเพื่อการเลือกตั้งสุจริต",
            "ชมรมอาสาสมัครนับคะแนน", "กลุ่มนักศึกษาเฝ้าระวังการเลือกตั้ง", "เครือข่ายครูอาสา", "สหพันธ์อาสาประชาธิปไตย", "ศูนย์พลเมืองตื่นรู้" };
    private static final String[] REGIONS = { "ภาคเหนือ", "ภาคอีสาน", "ภาคกลาง", "ภาคใต้", "ภาคตะวันออก", "ภาคตะวันตก", "กรุงเทพฯ", "แห่งชาติ" };

    private Figures organisations() throws Exception {
        Figures.Latencies latencies = new Figures.Latencies();
        Browser page = new Browser(base, latencies);
        page.signIn(admin.email(), admin.password());
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        apiOrg = Math.min(5, o.organisations() - 1); // a mid-sized partner with its own system sends through the API
        List<String> slugs = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        page.get("/admin/organisations");
        for (int k = 0; k < o.organisations(); k++) {
            String slug = String.format("partner-%02d", k + 1);
            String name = ORG_KINDS[k % ORG_KINDS.length] + REGIONS[(k / ORG_KINDS.length) % REGIONS.length] + (k >= 64 ? " " + k : "");
            String email = "coordinator." + slug + "@example.org";
            Browser.Page[] landed = new Browser.Page[1];
            Browser.Page created = page.submit("/admin/organisations", Map.of("slug", slug, "nameTh", name, "nameEn", "Partner " + (k + 1),
                    "contactName", "ผู้ประสานงาน " + (k + 1), "contactEmail", email, "contactPhone", "02" + String.format("%07d", 2_100_000 + k)),
                    landed);
            if (created.status() != 302 || !created.location().endsWith("/admin/organisations/" + slug)) {
                throw new IllegalStateException("organisation " + slug + " not created: " + created.status() + " " + created.location());
            }
            page.submit("/admin/organisations/" + slug + "/invitations", Map.of("email", email, "language", "th"), landed);
            slugs.add(slug);
            emails.add(email);
        }
        // the invitations arrive in the development mail server (read here from its mailbox bean, as /dev/inbox shows it)
        Map<String, String> invitationTo = new HashMap<>();
        long waitUntil = System.nanoTime() + 60_000_000_000L;
        while (invitationTo.size() < slugs.size() && System.nanoTime() < waitUntil) {
            for (DevMail m : app.getBean(DevMailbox.class).messages()) {
                String token = Browser.find(m.textBody() + (m.htmlBody() == null ? "" : m.htmlBody()), INVITATION);
                if (token != null && emails.contains(address(m.to()))) {
                    invitationTo.put(address(m.to()), token);
                }
            }
            Thread.sleep(200);
        }
        AtomicInteger accepted = new AtomicInteger();
        Map<Integer, Org> made = new ConcurrentHashMap<>();
        List<Callable<Void>> coordinators = new ArrayList<>();
        for (int k = 0; k < slugs.size(); k++) {
            int n = k;
            coordinators.add(() -> {
                String token = invitationTo.get(emails.get(n));
                if (token == null) {
                    throw new IllegalStateException("no invitation mail to " + emails.get(n));
                }
                String password = password();
                try (Browser coordinator = new Browser(base, latencies)) {
                    coordinator.get("/invitation/" + token);
                    Browser.Page answer = coordinator.post("/invitation/" + token, Map.of("displayName", "ผู้ประสานงาน " + (n + 1),
                            "password", password, "confirmPassword", password));
                    if (answer.status() != 302 || !coordinator.signIn(emails.get(n), password)) {
                        throw new IllegalStateException("coordinator of " + slugs.get(n) + " could not accept or sign in: " + answer.status());
                    }
                }
                accepted.incrementAndGet();
                OrganisationId id = app.getBean(PartnerOrganisations.class).bySlug(slugs.get(n)).orElseThrow().id();
                made.put(n, new Org(slugs.get(n), id, emails.get(n), password, null));
                return null;
            });
        }
        all(coordinators, 2);
        for (int k = 0; k < slugs.size(); k++) {
            orgs.add(made.get(k));
        }
        // the API partner's token: issued on the administrator's page and shown there once
        page.get("/admin/organisations/" + slugs.get(apiOrg));
        Browser.Page[] shownPage = new Browser.Page[1];
        Browser.Page issued = page.submit("/admin/organisations/" + slugs.get(apiOrg) + "/api-token", Map.of(), shownPage);
        String shown = shownPage[0] == null ? "" : shownPage[0].body();
        String token = Browser.find(shown, API_TOKEN);
        if (token == null) {
            problems.add("no API token shown for " + slugs.get(apiOrg) + " (the issue answered " + issued.status() + " " + issued.location()
                    + "; the page has " + (shown.contains("class=\"token\"") ? "a" : "no") + " token box)");
        }
        Org api = orgs.get(apiOrg);
        orgs.set(apiOrg, new Org(api.slug(), api.id(), api.coordinator(), api.password(), token));
        page.close();
        return Figures.of("2 organisations (admin pages; coordinators by invitation mail)", seconds(start), accepted.get(), "organisations",
                latencies.toArray(), List.of(o.organisations() + " created, " + accepted.get() + " coordinators accepted their invitation and signed in",
                        slugs.get(apiOrg) + " has an API token"), problems);
    }

    // 3 ---------------------------------------------------------------------------------------------------------------

    private Figures volunteers() throws Exception {
        int leadPeople = Math.min(o.volunteers() / 10, 3 * codes.size()); // ~3 willing to lead per constituency
        int warPeople = Math.min(o.volunteers() / 20, 2 * o.warRoom());
        long generating = System.nanoTime();
        Crowd crowd = Crowd.make(catalog.districts(ELECTION), stations, o.volunteers(), leadPeople, warPeople, o.organisations(), o.seed());
        double generated = seconds(generating);
        Figures.Latencies latencies = new Figures.Latencies();
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger viaApi = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<String> slowest = Collections.synchronizedList(new ArrayList<>());
        RosterImports imports = app.getBean(RosterImports.class);
        long start = System.nanoTime();
        List<Callable<Void>> work = new ArrayList<>();
        for (int k = 0; k < orgs.size(); k++) {
            Org org = orgs.get(k);
            List<Crowd.Person> people = crowd.of(k);
            if (k == apiOrg) {
                work.add(() -> {
                    viaApi.addAndGet(throughApi(org, people, latencies, imported, rejected, duplicates, problems));
                    return null;
                });
                continue;
            }
            work.add(() -> {
                long began = System.nanoTime();
                try (Browser coordinator = new Browser(base, latencies)) {
                    if (!coordinator.signIn(org.coordinator(), org.password())) {
                        throw new IllegalStateException("coordinator of " + org.slug() + " could not sign in");
                    }
                    coordinator.get("/org/" + org.slug() + "/import");
                    Browser.Page uploaded = coordinator.upload("/org/" + org.slug() + "/import", "file", "volunteers-" + org.slug() + ".csv",
                            "text/csv", Crowd.csv(people), Map.of());
                    String job = uploaded.location() == null ? null : Browser.find(uploaded.location(), JOB);
                    if (uploaded.status() != 302 || job == null) {
                        throw new IllegalStateException(org.slug() + ": upload answered " + uploaded.status() + " " + uploaded.location());
                    }
                    waitFor(coordinator, org.slug(), job, "CHECKED");
                    RosterImports.Job checked = imports.job(org.id(), Long.parseLong(job)).orElseThrow(); // the counts the job page shows
                    coordinator.get("/org/" + org.slug() + "/import/" + job);
                    coordinator.post("/org/" + org.slug() + "/import/" + job + "/import", Map.of("consent", "true"));
                    waitFor(coordinator, org.slug(), job, "IMPORTED");
                    RosterImports.Job done = imports.job(org.id(), Long.parseLong(job)).orElseThrow();
                    imported.addAndGet(done.importedRows());
                    rejected.addAndGet(checked.invalidRows());
                    long dup = checked.problems().stream().filter(p -> p.code().contains("duplicate")).count();
                    duplicates.addAndGet((int) dup + Math.max(0, checked.validRows() - done.importedRows()));
                    if (checked.invalidRows() > 0) {
                        problems.add(org.slug() + ": " + checked.invalidRows() + " rows rejected, e.g. " + checked.problems().stream().limit(3).toList());
                    }
                    slowest.add(String.format("%s %,d rows %.1f s", org.slug(), people.size(), seconds(began)));
                }
                return null;
            });
        }
        all(work, 4);
        double seconds = seconds(start);
        int expected = o.volunteers();
        if (imported.get() != expected) {
            problems.add(String.format("%,d of %,d volunteers on the rosters", imported.get(), expected));
        }
        List<String> notes = new ArrayList<>(List.of(String.format("%,d imported (%,d by CSV from %d coordinators, %,d through the API of %s);"
                        + " %,d rejected, %,d duplicates", imported.get(), imported.get() - viaApi.get(), orgs.size() - 1, viaApi.get(),
                orgs.get(apiOrg).slug(), rejected.get(), duplicates.get()),
                String.format("generated in %.1f s: %,d willing to lead, %,d war room, the rest stations; largest organisation %,d, smallest %,d",
                        generated, leadPeople, warPeople, crowd.of(0).size(), crowd.of(orgs.size() - 1).size())));
        return Figures.of("3 volunteers (CSV imports over HTTP, one organisation through its API)", seconds, imported.get(), "volunteers",
                latencies.toArray(), notes, problems);
    }

    /** The API partner: one POST per volunteer with its token, 8 at a time (its own system sending its list). */
    private int throughApi(Org org, List<Crowd.Person> people, Figures.Latencies latencies, AtomicInteger imported, AtomicInteger rejected,
            AtomicInteger duplicates, List<String> problems) throws Exception {
        if (org.apiToken() == null) {
            problems.add(org.slug() + " has no API token: its volunteers were not sent");
            return 0;
        }
        AtomicInteger created = new AtomicInteger();
        List<Callable<Void>> sends = new ArrayList<>();
        int threads = 8;
        for (int t = 0; t < threads; t++) {
            int from = t;
            sends.add(() -> {
                try (Browser system = new Browser(base, latencies)) {
                    for (int i = from; i < people.size(); i += threads) {
                        Crowd.Person p = people.get(i);
                        String json = String.format("{\"fullName\":\"%s\",\"phone\":\"%s\",\"email\":\"%s\",\"lineId\":%s,\"districtCode\":\"%s\","
                                + "\"rolePreference\":\"%s\",\"availability\":\"%s\"}", p.fullName(), p.phone(), p.email(),
                                p.lineId() == null ? "null" : "\"" + p.lineId() + "\"", p.district(), p.role(), p.availability());
                        Browser.Page answer = system.json("POST", "/api/v1/org/volunteers", org.apiToken(), json);
                        if (answer.status() == 201) {
                            created.incrementAndGet();
                        } else if (answer.status() == 202) {
                            duplicates.incrementAndGet(); // known already: asked by mail to confirm joining
                        } else {
                            rejected.incrementAndGet();
                            if (rejected.get() <= 3) {
                                problems.add(org.slug() + " API: " + answer.status() + " " + answer.body());
                            }
                        }
                    }
                }
                return null;
            });
        }
        all(sends, threads);
        imported.addAndGet(created.get());
        return created.get();
    }

    private void waitFor(Browser coordinator, String slug, String job, String wanted) throws Exception {
        long until = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < until) {
            String status = Browser.find(coordinator.get("/org/" + slug + "/import/" + job + "/status").body(), STATUS);
            if (wanted.equals(status)) {
                return;
            }
            if ("FAILED".equals(status) || "CANCELLED".equals(status)) {
                throw new IllegalStateException(slug + " import " + job + " " + status);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(slug + " import " + job + " not " + wanted + " after 10 minutes");
    }

    // 4 ---------------------------------------------------------------------------------------------------------------

    private Figures assignment() throws Exception {
        Figures.Latencies latencies = new Figures.Latencies();
        Browser page = new Browser(base, latencies);
        page.signIn(admin.email(), admin.password());
        List<String> problems = new ArrayList<>();
        String at = "/admin/elections/" + ELECTION + "/assignment";
        page.get(at);
        // the war room's seats: four shifts over the day and the night, as the admin page adds them
        String[][] shifts = { { "เช้า", "06:00", "12:00" }, { "บ่าย", "12:00", "17:00" }, { "นับคะแนน", "16:00", "21:00" }, { "ดึก", "20:00", "00:00" } };
        for (int i = 0; i < shifts.length; i++) {
            int seats = o.warRoom() / shifts.length + (i < o.warRoom() % shifts.length ? 1 : 0);
            page.post(at + "/shifts", Map.of("name", shifts[i][0], "starts", shifts[i][1], "ends", shifts[i][2], "seats", String.valueOf(seats)));
        }
        AutoAssignment auto = app.getBean(AutoAssignment.class);
        long start = System.nanoTime();
        List<RunReport> reports = new ArrayList<>();
        // the whole election in one run, a trial too: a constituency's run takes its whole province's volunteers, so runs of
        // neighbouring constituencies one after the other leave the last ones short (measured: 68 % of 705 stations)
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[] { "ELECTION", "" });
        for (String[] r : runs) {
            page.get(at);
            Browser.Page started = page.post(at + "/runs", Map.of("scope", r[0], "code", r[1], "mode", "FILL"));
            String id = started.location() == null ? null : Browser.find(started.location(), RUN);
            if (id == null) {
                throw new IllegalStateException("the run did not start: " + started.status() + " " + started.location());
            }
            RunView view;
            do { // the run's page reads the same; the status is taken from the service rather than from its HTML
                Thread.sleep(100);
                view = auto.run(Long.parseLong(id)).orElseThrow();
            } while (view.running());
            if (view.status() != RunView.Status.DONE) {
                throw new IllegalStateException("assignment run " + view.status() + ": " + view.error());
            }
            page.get(Browser.path(started.location()));
            reports.add(view.report());
        }
        double seconds = seconds(start);
        page.close();
        Map<Long, Coverage.StationRow> rows = rows();
        long primaries = rows.values().stream().filter(r -> r.primary() != null).count();
        long backups = rows.values().stream().filter(r -> r.backup() != null).count();
        RunReport last = reports.getLast();
        List<String> notes = new ArrayList<>();
        notes.add(String.format("in scope: %,d of %,d stations with a primary (%.2f%%), %,d with a backup", primaries, rows.size(),
                100.0 * primaries / Math.max(1, rows.size()), backups));
        notes.add(String.format("leads %,d/%,d, war room %,d/%,d; the election run %.2f s (solve %.2f s), mean %.2f km, p95 %.2f km; unplaced %s",
                leadsPlaced(), codes.size(), last.warRoomSeatsFilled(), last.warRoomSeats(), last.totalSeconds(), last.solveSeconds(), last.meanKm(),
                last.p95Km(), last.unplacedVolunteers()));
        if (only != null) {
            notes.add("a trial: the election's run places the trial's volunteers wherever nearest, some outside its constituencies");
        }
        return Figures.of("4 automatic assignment (admin page's run, all tiers)", seconds, placed(), "assignments", latencies.toArray(), notes,
                problems);
    }

    // 5 ---------------------------------------------------------------------------------------------------------------

    private Figures mails() throws Exception {
        Figures.Latencies latencies = new Figures.Latencies();
        Browser page = new Browser(base, latencies);
        page.signIn(admin.email(), admin.password());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        String at = "/admin/elections/" + ELECTION + "/assignment";
        int placed = placed();
        int before = Mailbox.received(app).length; // the coordinators' invitations
        long start = System.nanoTime();
        page.get(at);
        Browser.Page started = page.post(at + "/notify", Map.of());
        String of = Browser.find(String.valueOf(started.location()), Pattern.compile("mail=(\\d+)"));
        long until = System.nanoTime() + Long.getLong("rehearsal.mail-patience", 1800) * 1_000_000_000L;
        double queued = Double.NaN;
        while (true) { // as the page's progress bar: until nobody is left to tell and nothing waits in the outbox
            Thread.sleep(500);
            String progress = page.get(at + "/mail-progress?of=" + of).body();
            if (Double.isNaN(queued) && "0".equals(Browser.find(progress, TO_TELL))) {
                queued = seconds(start);
            }
            if ("0".equals(Browser.find(progress, TO_TELL)) && "0".equals(Browser.find(progress, WAITING))) {
                break;
            }
            if (System.nanoTime() > until) {
                problems.add("the assignment mail had not all gone after " + Long.getLong("rehearsal.mail-patience", 1800) + " s"
                        + " (-Drehearsal.mail-patience=SECONDS): " + progress);
                break;
            }
        }
        double sending = seconds(start);
        // what the development SMTP server received: its recipients (headers only; the bodies of the sample below)
        long reading = System.nanoTime();
        jakarta.mail.internet.MimeMessage[] received = Mailbox.received(app);
        Map<String, List<jakarta.mail.internet.MimeMessage>> to = new HashMap<>();
        int mails = 0;
        for (int i = before; i < received.length; i++) {
            if (received[i].isMimeType("multipart/mixed")) { // the assignment mail carries its .ics; nothing else the app sends does
                to.computeIfAbsent(Mailbox.to(received[i]), k -> new ArrayList<>()).add(received[i]);
                mails++;
            }
        }
        double read = seconds(reading);
        int doubled = mails - to.size();
        int lost = placed - to.size();
        if (doubled != 0 || lost != 0) {
            problems.add(String.format("assignment mails: %,d for %,d placed volunteers (%,d distinct addresses): %,d lost, %,d doubled", mails, placed,
                    to.size(), lost, doubled));
        }
        // the answers: a sample follows the link in their mail over HTTP (a few of them declining; never a lead or the
        // war room), everyone else confirms while signed in (AssignmentResponses.answerMine, as /me/assignment does)
        Set<String> staff = new HashSet<>();
        leads.values().forEach(a -> staff.add(a.email().toLowerCase()));
        warRoom.forEach(a -> staff.add(a.email().toLowerCase()));
        sampleEmails.values().forEach(e -> staff.add(e.toLowerCase())); // they check in over HTTP on the day
        List<String> recipients = new ArrayList<>(to.keySet());
        Collections.sort(recipients);
        Collections.shuffle(recipients, new java.util.Random(o.seed()));
        List<String[]> byLink = new ArrayList<>();
        int declines = 0;
        for (String r : recipients) {
            if (byLink.size() >= Math.min(ANSWER_SAMPLE, recipients.size() / 2)) { // a trial's half: both ways are measured
                break;
            }
            String token = Mailbox.find(to.get(r).getLast(), RESPOND);
            if (token == null) {
                problems.add("an assignment mail without its link, to " + r);
                continue;
            }
            boolean decline = !staff.contains(r) && declines < DECLINE * recipients.size();
            declines += decline ? 1 : 0;
            byLink.add(new String[] { java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8), decline ? "DECLINE" : "CONFIRM" });
        }
        long answering = System.nanoTime();
        Figures.Latencies answers = new Figures.Latencies();
        AtomicInteger confirmed = new AtomicInteger();
        AtomicInteger declined = new AtomicInteger();
        int threads = 8;
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t;
            work.add(() -> {
                try (Browser phone = new Browser(base, answers)) { // the link opened on a phone: the offer page, then its form
                    for (int i = from; i < byLink.size(); i += threads) {
                        String[] a = byLink.get(i);
                        phone.get("/assignment/respond?token=" + java.net.URLEncoder.encode(a[0], java.nio.charset.StandardCharsets.UTF_8));
                        Browser.Page answer = phone.post("/assignment/respond", Map.of("token", a[0], "answer", a[1], "reason",
                                a[1].equals("DECLINE") ? "ติดธุระวันเลือกตั้ง" : ""));
                        if (answer.status() == 302 && answer.location() != null && answer.location().contains("answered")) {
                            (a[1].equals("CONFIRM") ? confirmed : declined).incrementAndGet();
                        } else if (problems.size() < 5) {
                            problems.add("answer by link: " + answer.status() + " " + answer.location());
                        }
                    }
                }
                return null;
            });
        }
        all(work, threads);
        double byLinkSeconds = seconds(answering);
        AssignmentResponses responses = app.getBean(AssignmentResponses.class);
        List<long[]> open = unanswered();
        AtomicInteger noAccount = new AtomicInteger();
        work.clear();
        int slices = 4;
        for (int t = 0; t < slices; t++) {
            int from = t;
            work.add(() -> {
                for (int i = from; i < open.size(); i += slices) {
                    AccountId account = accountOf.get(open.get(i)[1]);
                    if (account == null) {
                        noAccount.incrementAndGet(); // placed outside a trial's constituencies
                        continue;
                    }
                    responses.answerMine(account, new AssignmentId(open.get(i)[0]), AssignmentResponses.Answer.CONFIRM, null);
                    confirmed.incrementAndGet();
                }
                return null;
            });
        }
        long signedIn = System.nanoTime();
        all(work, slices);
        double bySession = seconds(signedIn);
        double answered = seconds(answering);
        page.close();
        List<String> notes = new ArrayList<>(List.of(String.format("%,d assignment mails received by the SMTP server for %,d placed (%,d lost,"
                        + " %,d doubled); all queued %.1f s and all sent %.1f s after notify; recipients read in %.1f s", mails, placed, lost,
                        doubled, queued, sending, read),
                String.format("answers in %.1f s: %,d confirmed, %,d declined; %,d by the mail's link over HTTP in %.1f s (offer page + form: p50 %.0f ms,"
                        + " p99 %.0f ms), the rest (%,d) signed in through AssignmentResponses.answerMine in %.1f s", answered, confirmed.get(),
                        declined.get(), byLink.size(), byLinkSeconds, percentile(answers.toArray(), 50), percentile(answers.toArray(), 99),
                        open.size(), bySession)));
        if (noAccount.get() > 0) {
            notes.add(noAccount.get() + " placed outside the trial's constituencies left unanswered");
        }
        return Figures.of("5 assignment mail and answers", sending, mails, "mails", latencies.toArray(), notes, problems);
    }

    /** Assignments nobody has answered yet: id, volunteer. */
    private List<long[]> unanswered() throws Exception {
        List<long[]> open = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, volunteer_id from assignment where election_id = ? and responded_at is null order by id")) {
            s.setString(1, ELECTION);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    open.add(new long[] { rs.getLong(1), rs.getLong(2) });
                }
            }
        }
        return open;
    }

    // 9 (done before the day) -----------------------------------------------------------------------------------------

    private Figures accounts() throws Exception {
        // Volunteers imported by CSV have no sign-in (docs/assignment.md, "Not done yet"): the app has no invitation or
        // registration path for them. So accounts are made here through the accounts service (AccountDirectory.create,
        // one password hash each) for the leads, the war room and the check-in sample, and linked to their volunteer in
        // the volunteer table (the link SignUps makes for people who sign up themselves).
        AccountDirectory directory = app.getBean(AccountDirectory.class);
        long start = System.nanoTime();
        List<long[]> staff = staff();
        Map<Long, String> constituencyOfLead = new HashMap<>();
        for (long[] s : staff) {
            if (s[1] == 1) {
                constituencyOfLead.put(s[0], codeOf.get(s[2]));
            }
        }
        List<Callable<Void>> work = new ArrayList<>();
        for (long[] s : staff) {
            work.add(() -> {
                VolunteerPool.Contact c = contact(s[0]);
                String password = password();
                boolean lead = s[1] == 1;
                AccountId id = directory.create(new NewAccount(c.email(), c.name(), password,
                        lead ? Set.of(Role.VOLUNTEER, Role.CONSTITUENCY_LEAD) : Set.of(Role.VOLUNTEER, Role.WAR_ROOM), false));
                link(s[0], id);
                Cast.Account account = new Cast.Account(s[0], c.email(), password);
                if (lead) {
                    String code = constituencyOfLead.get(s[0]);
                    if (only == null || only.contains(code)) {
                        leads.put(code, account);
                    }
                } else {
                    warRoom.add(account);
                }
                return null;
            });
        }
        // the HTTP check-in sample: station volunteers who will show up
        List<Long> sample = new ArrayList<>();
        Map<Long, Coverage.StationRow> rows = rows();
        List<Long> all = new ArrayList<>();
        rows.values().forEach(r -> {
            if (r.primary() != null) {
                all.add(r.primary().volunteer().value());
            }
        });
        Collections.sort(all);
        Collections.shuffle(all, new java.util.Random(o.seed() + 1));
        sample.addAll(all.subList(0, Math.min(CHECK_IN_SAMPLE, all.size())));
        for (long v : sample) {
            work.add(() -> {
                VolunteerPool.Contact c = contact(v);
                String password = password();
                link(v, directory.create(new NewAccount(c.email(), c.name(), password, Set.of(Role.VOLUNTEER), false)));
                samplePasswords.put(v, password);
                sampleEmails.put(v, c.email());
                return null;
            });
        }
        all(work, 2);
        int hashed = work.size();
        // everyone else at a station: an account each so that the check-in service (which goes by the signed-in account)
        // can be called for them; one password hash computed once for all (a hundred thousand would take an hour here),
        // the rows written in batches like the accounts table's own inserts
        int bulk = bulkAccounts(rows, app.getBean(PasswordEncoder.class).encode(password()));
        List<String> problems = new ArrayList<>();
        if (leads.size() < codes.size()) {
            problems.add(String.format("%d of %d constituencies in scope have no lead who can sign in", codes.size() - leads.size(), codes.size()));
        }
        return Figures.of("9 accounts (leads, war room, check-in sample; the rest in bulk)", seconds(start), hashed + bulk, "accounts", new long[0],
                List.of(String.format("%d leads, %d war room, %d sampled volunteers through AccountDirectory; %,d station volunteers in bulk"
                        + " (one shared hash, JDBC)", leads.size(), warRoom.size(), sample.size(), bulk)), problems);
    }

    private int bulkAccounts(Map<Long, Coverage.StationRow> rows, String hash) throws Exception {
        List<Long> volunteers = new ArrayList<>();
        rows.values().forEach(r -> {
            for (Coverage.Person p : new Coverage.Person[] { r.primary(), r.backup() }) {
                if (p != null && !accountOf.containsKey(p.volunteer().value())) {
                    volunteers.add(p.volunteer().value());
                }
            }
        });
        // volunteers placed outside the scope (a trial's election-wide war-room run) need none
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement account = c.prepareStatement("insert into account (username, display_name, password_hash, enabled,"
                    + " must_change_password, created_at, version) values (?, ?, ?, true, false, ?, 0)", Statement.RETURN_GENERATED_KEYS)) {
                for (int from = 0; from < volunteers.size(); from += 1000) {
                    List<Long> batch = volunteers.subList(from, Math.min(volunteers.size(), from + 1000));
                    for (long v : batch) {
                        account.setString(1, "volunteer-" + v + "@rehearsal.example.org");
                        account.setString(2, "อาสาสมัคร " + v);
                        account.setString(3, hash);
                        account.setTimestamp(4, now);
                        account.addBatch();
                    }
                    account.executeBatch();
                    try (ResultSet keys = account.getGeneratedKeys()) {
                        for (long v : batch) {
                            keys.next();
                            accountOf.put(v, new AccountId(keys.getLong(1)));
                        }
                    }
                }
            }
            try (PreparedStatement role = c.prepareStatement("insert into account_role (account_id, role) values (?, 'VOLUNTEER')");
                 PreparedStatement link = c.prepareStatement("update volunteer set account_id = ? where id = ?")) {
                int n = 0;
                for (long v : volunteers) {
                    role.setLong(1, accountOf.get(v).value());
                    role.addBatch();
                    link.setLong(1, accountOf.get(v).value());
                    link.setLong(2, v);
                    link.addBatch();
                    if (++n % 1000 == 0) {
                        role.executeBatch();
                        link.executeBatch();
                    }
                }
                role.executeBatch();
                link.executeBatch();
            }
            c.commit();
        }
        return volunteers.size();
    }

    private void link(long volunteer, AccountId account) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("update volunteer set account_id = ? where id = ?")) {
            s.setLong(1, account.value());
            s.setLong(2, volunteer);
            s.executeUpdate();
        }
        accountOf.put(volunteer, account);
    }

    // 6 ---------------------------------------------------------------------------------------------------------------

    private Figures checkIns() throws Exception {
        AssignmentResponses responses = app.getBean(AssignmentResponses.class);
        checkInOpen = responses.checkInOpen(ELECTION);
        if (!checkInOpen) {
            return Figures.of("6 check-ins", 0, 0, "check-ins", new long[0], List.of(), List.of("check-in is closed: the app's clock is not on"
                    + " the election day (start it with ElectionDay.of2566()); nobody checked in, the reporters are the placed volunteers"));
        }
        Map<Long, Coverage.StationRow> rows = rows();
        List<Coverage.Person> shows = new ArrayList<>();
        int noShows = 0;
        for (Coverage.StationRow r : rows.values().stream().sorted(Comparator.comparingLong(r -> r.station().id())).toList()) {
            for (Coverage.Person p : new Coverage.Person[] { r.primary(), r.backup() }) {
                if (p == null) {
                    continue;
                }
                if (random.nextDouble() < o.noShow() && !samplePasswords.containsKey(p.volunteer().value())) {
                    noShows++;
                } else {
                    shows.add(p);
                }
            }
        }
        Figures.Latencies latencies = new Figures.Latencies();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger checkedIn = new AtomicInteger();
        AtomicInteger overHttp = new AtomicInteger();
        long start = System.nanoTime();
        List<Callable<Void>> work = new ArrayList<>();
        List<Coverage.Person> sample = shows.stream().filter(p -> samplePasswords.containsKey(p.volunteer().value())).toList();
        List<Coverage.Person> rest = shows.stream().filter(p -> !samplePasswords.containsKey(p.volunteer().value())).toList();
        int threads = 2; // each sign-in checks a password hash: two cores
        for (int t = 0; t < threads; t++) {
            int from = t;
            work.add(() -> {
                for (int i = from; i < sample.size(); i += threads) {
                    Coverage.Person p = sample.get(i);
                    long v = p.volunteer().value();
                    try (Browser phone = new Browser(base, latencies)) {
                        if (!phone.signIn(sampleEmails.get(v), samplePasswords.get(v))) {
                            problems.add("volunteer " + v + " could not sign in");
                            continue;
                        }
                        phone.get("/me/assignment");
                        Browser.Page answer = phone.post("/me/assignment/" + p.assignment().value() + "/check-in", Map.of());
                        if (answer.status() != 302) {
                            problems.add("check-in of " + v + " answered " + answer.status());
                            continue;
                        }
                        checkedIn.incrementAndGet();
                        overHttp.incrementAndGet();
                        // the phone takes its reporting token now, as the report page offers it
                        phone.get("/me/report");
                        phone.post("/me/report/token", Map.of());
                        String token = Browser.find(phone.get("/me/report").body(), REPORT_TOKEN);
                        if (token != null) {
                            sampleTokens.put(v, token.strip());
                        }
                    }
                }
                return null;
            });
        }
        // the others through the service the check-in button calls (AssignmentResponses.checkIn, by their account)
        int slices = 4;
        for (int t = 0; t < slices; t++) {
            int from = t;
            work.add(() -> {
                for (int i = from; i < rest.size(); i += slices) {
                    Coverage.Person p = rest.get(i);
                    responses.checkIn(accountOf.get(p.volunteer().value()), p.assignment());
                    checkedIn.incrementAndGet();
                }
                return null;
            });
        }
        all(work.subList(0, threads), threads);
        double httpSeconds = seconds(start);
        long serviceStart = System.nanoTime();
        all(work.subList(threads, work.size()), slices);
        double serviceSeconds = seconds(serviceStart);
        return Figures.of("6 check-ins (election day)", seconds(start), checkedIn.get(), "check-ins", latencies.toArray(),
                List.of(String.format("%,d checked in (%,d signed in over HTTP in %.1f s: sign-in, /me/assignment, check-in, report token; the"
                        + " other %,d through AssignmentResponses.checkIn in %.1f s), %,d no-shows (%.1f%% asked)", checkedIn.get(), overHttp.get(),
                        httpSeconds, rest.size(), serviceSeconds, noShows, 100 * o.noShow())), problems);
    }

    // 7 ---------------------------------------------------------------------------------------------------------------

    private Figures leads() throws Exception {
        if (!checkInOpen) {
            return Figures.of("7 leads and war room", 0, 0, "changes", new long[0], List.of(), List.of("skipped: nobody checked in"));
        }
        Figures.Latencies latencies = new Figures.Latencies();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger promoted = new AtomicInteger();
        AtomicInteger moved = new AtomicInteger();
        AssignmentResponses responses = app.getBean(AssignmentResponses.class);
        Coverage coverage = app.getBean(Coverage.class);
        long start = System.nanoTime();
        List<Callable<Void>> work = new ArrayList<>();
        for (String code : codes) {
            Cast.Account lead = leads.get(code);
            if (lead == null) {
                continue; // the war room covers it below
            }
            work.add(() -> {
                try (Browser phone = new Browser(base, latencies)) {
                    if (!phone.signIn(lead.email(), lead.password())) {
                        problems.add("lead of " + code + " could not sign in");
                        return null;
                    }
                    phone.get("/lead"); // the stations needing attention, first
                    List<Coverage.StationRow> mine = coverage.stations(ELECTION, code);
                    for (Coverage.StationRow r : mine) {
                        if (!here(r.primary()) && here(r.backup())) {
                            Browser.Page answer = phone.post("/lead/stations/" + r.station().id() + "/backup-into-place", Map.of());
                            count(answer, promoted, problems, "backup into place at " + r.station().id());
                        }
                    }
                    // stations nobody came to: a backup standing at a station whose primary came is moved over
                    mine = coverage.stations(ELECTION, code);
                    List<Coverage.StationRow> spare = new ArrayList<>(mine.stream().filter(r -> here(r.primary()) && here(r.backup())).toList());
                    for (Coverage.StationRow r : mine) {
                        if (here(r.primary()) || here(r.backup()) || spare.isEmpty()) {
                            continue;
                        }
                        Coverage.StationRow donor = spare.removeLast();
                        if (r.primary() != null) { // the one who did not come leaves the slot, with the reason
                            phone.post("/lead/release", Map.of("assignment", String.valueOf(r.primary().assignment().value()), "reason",
                                    "ไม่มาตามนัด (rehearsal no-show)"));
                        }
                        Browser.Page answer = phone.post("/lead/move", Map.of("assignment", String.valueOf(donor.backup().assignment().value()),
                                "station", String.valueOf(r.station().id()), "role", "PRIMARY", "reason", "ไม่มีใครมาที่หน่วยนี้"));
                        if (count(answer, moved, problems, "move to " + r.station().id())) {
                            // a move asks the person again and clears their check-in: they are there, so they check in again
                            responses.checkIn(accountOf.get(donor.backup().volunteer().value()), donor.backup().assignment());
                        }
                    }
                }
                return null;
            });
        }
        all(work, 4);
        double leadsSeconds = seconds(start);
        // the war room: what no lead could cover, from a spare backup elsewhere in the province (admin's coverage pages)
        long warStart = System.nanoTime();
        AtomicInteger byWarRoom = new AtomicInteger();
        Map<Long, Coverage.StationRow> rows = rows();
        Map<String, List<Coverage.StationRow>> spareByProvince = new HashMap<>();
        List<Coverage.StationRow> empty = new ArrayList<>();
        for (Coverage.StationRow r : rows.values().stream().sorted(Comparator.comparingLong(r -> r.station().id())).toList()) {
            if (here(r.primary()) && here(r.backup())) {
                spareByProvince.computeIfAbsent(stationById.get(r.station().id()).provinceCode(), k -> new ArrayList<>()).add(r);
            } else if (!here(r.primary()) && here(r.backup())) {
                empty.add(r); // a constituency without a lead: its backups go into place by the war room too
            } else if (!here(r.primary())) {
                empty.add(r);
            }
        }
        Map<String, List<Coverage.StationRow>> emptyByProvince = new java.util.TreeMap<>();
        empty.forEach(r -> emptyByProvince.computeIfAbsent(stationById.get(r.station().id()).provinceCode(), k -> new ArrayList<>()).add(r));
        java.util.Queue<String> provinces = new java.util.concurrent.ConcurrentLinkedQueue<>(emptyByProvince.keySet());
        work.clear();
        for (int t = 0; t < 4; t++) { // four people of the war room at the administrators' coverage pages, a province each at a time
            work.add(() -> {
                try (Browser page = new Browser(base, latencies)) {
                    page.signIn(admin.email(), admin.password());
                    String at = "/admin/elections/" + ELECTION + "/coverage/constituency/";
                    page.get("/admin/elections/" + ELECTION + "/coverage");
                    for (String province; (province = provinces.poll()) != null; ) {
                        List<Coverage.StationRow> spare = spareByProvince.getOrDefault(province, new ArrayList<>());
                        for (Coverage.StationRow r : emptyByProvince.get(province)) {
                            StationPoint s = stationById.get(r.station().id());
                            if (here(r.backup())) {
                                count(page.post(at + s.constituencyCode() + "/backup-into-place", Map.of("station", String.valueOf(s.id()))), byWarRoom,
                                        problems, "war room backup into place at " + s.id());
                                continue;
                            }
                            if (spare.isEmpty()) {
                                continue;
                            }
                            Coverage.StationRow donor = spare.removeLast();
                            String donorCode = stationById.get(donor.station().id()).constituencyCode();
                            page.post(at + donorCode + "/release", Map.of("assignment", String.valueOf(donor.backup().assignment().value()), "reason",
                                    "ย้ายไปหน่วยที่ไม่มีใคร"));
                            if (r.primary() != null) {
                                page.post(at + s.constituencyCode() + "/release", Map.of("assignment", String.valueOf(r.primary().assignment().value()),
                                        "reason", "ไม่มาตามนัด (rehearsal no-show)"));
                            }
                            Browser.Page answer = page.post(at + s.constituencyCode() + "/assign", Map.of("volunteer",
                                    String.valueOf(donor.backup().volunteer().value()), "station", String.valueOf(s.id()), "role", "PRIMARY"));
                            if (count(answer, byWarRoom, problems, "war room places at " + s.id())) {
                                // placed anew: asked again, not checked in; they are there, so they check in
                                long v = donor.backup().volunteer().value();
                                coverage.assignmentOf(ELECTION, new VolunteerId(v)).ifPresent(a -> responses.checkIn(accountOf.get(v), a.id()));
                            }
                        }
                    }
                }
                return null;
            });
        }
        all(work, 4);
        double warSeconds = seconds(warStart);
        // how the stations end
        int[] ending = new int[3];
        for (Coverage.StationRow r : rows().values()) {
            ending[(here(r.primary()) ? 1 : 0) + (here(r.backup()) ? 1 : 0)]++;
        }
        List<String> notes = new ArrayList<>();
        notes.add(String.format("leads (%d signed in over HTTP): %,d backups into place, %,d moved from another station, %.1f s; war room: %,d"
                + " stations covered by hand, %.1f s", leads.size(), promoted.get(), moved.get(), leadsSeconds, byWarRoom.get(), warSeconds));
        notes.add(String.format("stations end with 2 reporters: %,d, 1: %,d, 0: %,d", ending[2], ending[1], ending[0]));
        if (ending[0] > 0) {
            // a lead may report any station of their constituency (ReportIntake's rule): they count these themselves
            long leadless = rows().values().stream().filter(r -> !here(r.primary()) && !here(r.backup()))
                    .filter(r -> !leads.containsKey(stationById.get(r.station().id()).constituencyCode())).count();
            notes.add(String.format("%,d stations without a station volunteer (nobody came and nobody spare was near: %,d volunteers for %,d"
                    + " stations leave few backups): their constituency's lead reports them", ending[0], o.volunteers(), stations.size()));
            if (leadless > 0) {
                problems.add(String.format("%,d stations without a reporter: neither a volunteer nor a lead of their constituency", leadless));
            }
        }
        return Figures.of("7 leads and war room (backups into place, moves)", seconds(start), promoted.get() + moved.get() + byWarRoom.get(), "changes",
                latencies.toArray(), notes, problems);
    }

    private static boolean count(Browser.Page answer, AtomicInteger done, List<String> problems, String what) {
        // the pages answer a redirect either way; a refusal comes back as a 4xx or a redirect carrying the error
        if (answer.status() == 302) {
            done.incrementAndGet();
            return true;
        }
        if (problems.size() < 10) {
            problems.add(what + ": " + answer.status());
        }
        return false;
    }

    private boolean here(Coverage.Person p) {
        return p != null && (p.checkedIn() || !checkInOpen);
    }

    // 8 ---------------------------------------------------------------------------------------------------------------

    private Map<Long, List<Cast.Reporter>> reporters;

    private Figures tokens() throws Exception {
        long start = System.nanoTime();
        Map<Long, Coverage.StationRow> rows = rows();
        ReportIntake intake = app.getBean(ReportIntake.class);
        Map<Long, String> tokens = new ConcurrentHashMap<>(sampleTokens);
        List<Long> wanted = new ArrayList<>();
        rows.values().forEach(r -> {
            for (Coverage.Person p : new Coverage.Person[] { r.primary(), r.backup() }) {
                if (here(p) && !tokens.containsKey(p.volunteer().value())) {
                    wanted.add(p.volunteer().value());
                }
            }
        });
        Figures.Latencies latencies = new Figures.Latencies();
        List<Callable<Void>> work = new ArrayList<>();
        int slices = 8;
        for (int t = 0; t < slices; t++) {
            int from = t;
            work.add(() -> {
                for (int i = from; i < wanted.size(); i += slices) {
                    long began = System.nanoTime();
                    // the bulk through ReportIntake.issueToken, the service /me/report/token calls (the sample took theirs over HTTP)
                    tokens.put(wanted.get(i), intake.issueToken(new VolunteerId(wanted.get(i))));
                    latencies.add((System.nanoTime() - began) / 1000);
                }
                return null;
            });
        }
        all(work, slices);
        reporters = new LinkedHashMap<>();
        Map<Long, String> leadTokens = new HashMap<>();
        int byLeads = 0;
        for (StationPoint s : stations) {
            Coverage.StationRow r = rows.get(s.id());
            List<Cast.Reporter> here = new ArrayList<>();
            if (r != null) {
                for (Coverage.Person p : new Coverage.Person[] { r.primary(), r.backup() }) {
                    if (here(p)) {
                        here.add(new Cast.Reporter(p.volunteer().value(), tokens.get(p.volunteer().value())));
                    }
                }
            }
            Cast.Account lead = leads.get(s.constituencyCode());
            if (here.isEmpty() && lead != null) { // nobody at the station: the constituency's lead counts it (see leads())
                here.add(new Cast.Reporter(lead.volunteerId(), leadTokens.computeIfAbsent(lead.volunteerId(),
                        v -> intake.issueToken(new VolunteerId(v)))));
                byLeads++;
            }
            reporters.put(s.id(), List.copyOf(here));
        }
        long count = reporters.values().stream().mapToLong(List::size).sum();
        return Figures.of("8 reporting tokens", seconds(start), count, "tokens", latencies.toArray(),
                List.of(String.format("%,d over HTTP (/me/report/token, the check-in sample), %,d through ReportIntake.issueToken; %,d stations"
                        + " reported by their constituency's lead (%,d leads' tokens)", sampleTokens.size(), wanted.size(), byLeads, leadTokens.size())),
                List.of());
    }

    private Cast cast() {
        return new Cast(ELECTION, Map.copyOf(reporters), Map.copyOf(leads), List.copyOf(warRoom), admin);
    }

    // helpers ---------------------------------------------------------------------------------------------------------

    /** Each station in scope as the coverage pages show it (primary, backup, checked in or not). */
    private Map<Long, Coverage.StationRow> rows() throws Exception {
        Coverage coverage = app.getBean(Coverage.class);
        Map<Long, Coverage.StationRow> rows = new ConcurrentHashMap<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (String code : codes) {
            work.add(() -> {
                coverage.stations(ELECTION, code).forEach(r -> rows.put(r.station().id(), r));
                return null;
            });
        }
        all(work, 4);
        return rows;
    }

    /** Leads and war-room members: volunteer id, 1 for a lead / 3 for the war room, place id (constituency or shift). */
    private List<long[]> staff() throws Exception {
        List<long[]> staff = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select volunteer_id, tier, place_id from assignment where election_id = ? and tier in ('CONSTITUENCY_LEAD', 'WAR_ROOM') order by id")) {
            s.setString(1, ELECTION);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    staff.add(new long[] { rs.getLong(1), rs.getString(2).equals("CONSTITUENCY_LEAD") ? 1 : 3, rs.getLong(3) });
                }
            }
        }
        return staff;
    }

    private int leadsPlaced() throws Exception {
        return (int) staff().stream().filter(s -> s[1] == 1 && (only == null || only.contains(codeOf.get(s[2])))).count();
    }

    private int placed() throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select count(*) from assignment where election_id = ?")) {
            s.setString(1, ELECTION);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private VolunteerPool.Contact contact(long volunteer) {
        return app.getBean(VolunteerPool.class).contact(new VolunteerId(volunteer), "rehearsal-admin", "rehearsal set-up: sign-in account")
                .orElseThrow(() -> new IllegalStateException("no contact for volunteer " + volunteer));
    }

    private String password() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder b = new StringBuilder(18);
        for (int i = 0; i < 18; i++) {
            b.append(alphabet.charAt(secure.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void all(List<Callable<Void>> tasks, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> t : tasks) {
                done.add(pool.submit(t));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        }
    }

    /** The address of a To header as the mailbox shows it ("Name <address>" or the address alone). */
    private static String address(String to) {
        String inside = Browser.find(to, ADDRESS);
        return (inside != null ? inside : to).strip().toLowerCase();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double percentile(long[] micros, double p) {
        if (micros.length == 0) {
            return Double.NaN;
        }
        long[] sorted = micros.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1))] / 1000.0;
    }
}

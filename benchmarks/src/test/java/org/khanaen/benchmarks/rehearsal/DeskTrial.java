package org.khanaen.benchmarks.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.Tier;
import org.khanaen.benchmarks.TrialApp;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.WarRoom;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * A trial of the desk on a small night (not part of the suite: run it with {@code -Dtest=DeskTrial}): the app started
 * as the rehearsal starts it, the 2023 election, two volunteers at every station of the two smallest constituencies,
 * their leads and four war-room accounts; then reports sent over the API as phones send them (true single counts,
 * some after a running tally, misread single counts, disagreeing pairs, agreeing pairs, forms that do not add up, a wrong
 * count after the true one was verified) while the desk works on a clock 100 times faster than the night. Everything must end verified with the
 * true numbers, and the desk's figures are printed.
 */
class DeskTrial {

    private static final String ELECTION = "th-2566";
    private static final String[] CONTESTS = { "constituency", "party-list" };

    /** What is sent for a station contest. */
    enum Scenario { TRUE_SINGLE, MISREAD_SINGLE, CONFLICT, AGREEMENT, AS_WRITTEN, WRONG_AFTER_VERIFIED }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDeskVerifiesEverythingWithTheTrueNumbers() throws Exception {
        try (TrialApp trial = TrialApp.start("bench_desk")) {
            var app = trial.app;
            URI base = URI.create("http://127.0.0.1:" + trial.port());
            app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
            ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
            Map<String, List<StationPoint>> byConstituency = catalog.stationPoints(ELECTION).stream()
                    .collect(Collectors.groupingBy(StationPoint::constituencyCode));
            List<String> codes = byConstituency.keySet().stream().sorted(Comparator.comparing(c -> byConstituency.get(c).size())).limit(2).toList();
            List<StationPoint> stations = codes.stream().flatMap(c -> byConstituency.get(c).stream()).toList();
            Map<Long, List<String>> tokens = trial.placeTwoPerStation(stations, Set.copyOf(codes));
            Cast cast = cast(app, catalog, codes, tokens);

            Ledger ledger = new Ledger();
            NightClock clock = NightClock.startingNow(100);
            Map<Ledger.Key, Scenario> plan = new LinkedHashMap<>();
            int n = 0;
            for (StationPoint s : stations) {
                for (String contest : CONTESTS) {
                    // most counts are single true ones, as on the night; a few of every other kind
                    Scenario scenario = switch (n++ % 10) {
                        case 0, 1, 2, 3 -> Scenario.TRUE_SINGLE;
                        case 4 -> Scenario.MISREAD_SINGLE;
                        case 5 -> Scenario.CONFLICT;
                        case 6 -> Scenario.AGREEMENT;
                        case 7 -> Scenario.AS_WRITTEN;
                        case 8 -> Scenario.WRONG_AFTER_VERIFIED;
                        default -> Scenario.TRUE_SINGLE;
                    };
                    plan.put(new Ledger.Key(s.id(), contest), scenario);
                }
            }
            System.out.printf("desk trial: %s, %d stations, %d station contests: %s%n", codes, stations.size(), plan.size(),
                    plan.values().stream().collect(Collectors.groupingBy(x -> x, TreeMap::new, Collectors.counting())));

            List<Figures> figures;
            long start = System.nanoTime();
            try (Desk desk = Desk.start(base, cast, ledger, clock, new Desk.Options(4, Duration.ofSeconds(30), Duration.ofSeconds(20)))) {
                Map<Long, StationPoint> points = new HashMap<>();
                stations.forEach(s -> points.put(s.id(), s));
                List<Ledger.Key> later = new ArrayList<>();
                for (var e : plan.entrySet()) {
                    send(base, ledger, catalog, points.get(e.getKey().stationId()), e.getKey(), e.getValue(), tokens.get(e.getKey().stationId()));
                    if (e.getValue() == Scenario.WRONG_AFTER_VERIFIED) {
                        later.add(e.getKey());
                    }
                }
                for (Ledger.Key key : later) { // verified by agreement by now; the backup then sends a wrong count
                    String wrong = body(misread(truth(catalog, points.get(key.stationId()), key.contest(), false)), key.contest(), false);
                    ledger.sent(key, post(base, key, tokens.get(key.stationId()).get(1), "late-" + key.stationId() + key.contest(), wrong, false));
                }
                System.out.printf("desk trial: reports sent in %.1f s%n", (System.nanoTime() - start) / 1e9);
                WarRoom warRoom = app.getBean(WarRoom.class);
                long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                while (unverified(app, codes) > 0 && System.nanoTime() < until) {
                    Thread.sleep(500);
                }
                System.out.printf("desk trial: %d station contests unverified after %.1f s (night time %s)%n", unverified(app, codes),
                        (System.nanoTime() - start) / 1e9, clock.now().withNano(0));
                figures = desk.stop();
                figures.forEach(f -> System.out.println(f.line()));
                idlePages(base, cast);

                for (var e : plan.entrySet()) {
                    Ledger.Key key = e.getKey();
                    var item = warRoom.item(warRoom.itemOf(key.stationId(), key.contest()).orElseThrow()).orElseThrow();
                    var truth = json.readTree(ledger.truthOf(key).json());
                    assertThat(item.state()).as("%s %s", key, e.getValue()).isEqualTo(WarRoom.ContestState.VERIFIED);
                    Map<Integer, Long> votes = new TreeMap<>();
                    truth.path("votes").properties().forEach(v -> votes.put(Integer.parseInt(v.getKey()), v.getValue().asLong()));
                    assertThat(item.verified().votes()).as("%s %s", key, e.getValue()).isEqualTo(votes);
                    assertThat(List.of(item.verified().valid(), item.verified().invalid(), item.verified().noVote(), item.verified().ballotsUsed()))
                            .as("%s %s", key, e.getValue()).containsExactly(truth.path("valid").asLong(), truth.path("invalid").asLong(),
                                    truth.path("noVote").asLong(), truth.path("ballotsUsed").asLong());
                    assertThat(item.asWritten()).as("%s %s", key, e.getValue()).isEqualTo(e.getValue() == Scenario.AS_WRITTEN);
                }
                for (String kind : List.of("approved", "corrected", "accepted as written", "rejected", "lead-confirmed")) {
                    assertThat(desk.decided(kind)).as(kind).isPositive();
                }
            }
            assertThat(figures.stream().flatMap(f -> f.problems().stream()).toList()).isEmpty();
        }
    }

    /** The heaviest pages once the night is over, one request at a time: what each costs by itself. */
    private static void idlePages(URI base, Cast cast) throws Exception {
        Calls calls = new Calls();
        try (PageSession lead = new PageSession(base, calls); PageSession verifier = new PageSession(base, calls)) {
            lead.signIn(cast.leads().values().iterator().next().email(), cast.leads().values().iterator().next().password());
            verifier.signIn(cast.warRoom().getFirst().email(), cast.warRoom().getFirst().password());
            for (int i = 0; i < 10; i++) {
                lead.get("/lead/results", "GET /lead/results");
                verifier.get("/war-room", "GET /war-room");
            }
        }
        calls.figures(0).stream().filter(f -> f.step().contains("GET /lead/results") || f.step().endsWith("GET /war-room"))
                .forEach(f -> System.out.printf("idle, one at a time: %s p50 %.0f ms, max %.0f ms%n", f.step(), f.millis(50), f.millis(100)));
    }

    /** The leads (one per constituency, a volunteer with an account) and the war room's accounts, made with the service beans. */
    private Cast cast(org.springframework.context.ConfigurableApplicationContext app, ElectionCatalog catalog, List<String> codes,
            Map<Long, List<String>> tokens) {
        AccountDirectory accounts = app.getBean(AccountDirectory.class);
        var org = app.getBean(PartnerOrganisations.class).create(new OrganisationDraft("desk-trial", "องค์กรทดลองห้องปฏิบัติการ", "Desk trial",
                null, null, null)).id();
        RosterEdits roster = app.getBean(RosterEdits.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        String district = catalog.districts(ELECTION).getFirst().code();
        Map<String, Cast.Account> leads = new LinkedHashMap<>();
        int k = 0;
        for (String code : codes) {
            k++;
            String email = "desk-lead" + k + "@example.org";
            var volunteer = roster.add(org, new VolunteerInput("หัวหน้า เขต" + "กขคง".charAt(k), "08" + String.format("%08d", 70_000_000 + k), email, null,
                    district, "CONSTITUENCY_LEAD", "ALL_DAY"), "trial").orElseThrow();
            var account = accounts.create(new NewAccount(email, "หัวหน้าเขต " + k, "lead password " + k, Set.of(Role.VOLUNTEER), false));
            jdbc.sql("update volunteer set account_id = ? where id = ?").params(account.value(), volunteer.value()).update();
            app.getBean(ManualAssignments.class).assign(ELECTION, volunteer,
                    new ManualAssignments.Place(Tier.CONSTITUENCY_LEAD, catalog.constituency(ELECTION, code).orElseThrow().id(), 1), "trial");
            leads.put(code, new Cast.Account(volunteer.value(), email, "lead password " + k));
        }
        List<Cast.Account> warRoom = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String email = "desk-verifier" + i + "@example.org";
            accounts.create(new NewAccount(email, "ผู้ตรวจ " + i, "verifier password " + i, Set.of(Role.WAR_ROOM), false));
            warRoom.add(new Cast.Account(null, email, "verifier password " + i));
        }
        accounts.create(new NewAccount("desk-admin@example.org", "ผู้ดูแล", "administrator password", Set.of(Role.ADMIN), false));
        Map<Long, List<Cast.Reporter>> reporters = new HashMap<>();
        tokens.forEach((station, t) -> reporters.put(station, t.stream().map(x -> new Cast.Reporter(0, x)).toList()));
        return new Cast(ELECTION, reporters, leads, warRoom, new Cast.Account(null, "desk-admin@example.org", "administrator password"));
    }

    private void send(URI base, Ledger ledger, ElectionCatalog catalog, StationPoint s, Ledger.Key key, Scenario scenario, List<String> tokens)
            throws Exception {
        boolean asWritten = scenario == Scenario.AS_WRITTEN;
        Map<Integer, Long> votes = truth(catalog, s, key.contest(), asWritten);
        String truth = body(votes, key.contest(), asWritten);
        ledger.truth(key, new Ledger.Truth(truth, asWritten));
        String idem = s.id() + "-" + key.contest();
        switch (scenario) {
            case TRUE_SINGLE -> {
                if (s.id() % 2 == 0) { // a running tally first, which the ledger is not told of: the desk must not wait for it
                    post(base, key, tokens.get(0), "t-" + idem, tally(votes, key.contest()), true);
                }
                ledger.sent(key, post(base, key, tokens.get(0), "p-" + idem, truth, true));
            }
            case AS_WRITTEN -> ledger.sent(key, post(base, key, tokens.get(0), "p-" + idem, truth, true));
            case MISREAD_SINGLE -> ledger.sent(key, post(base, key, tokens.get(0), "p-" + idem, body(misread(votes), key.contest(), false), false));
            case CONFLICT -> { // the true one with its three photos, which the verifier looks at
                ledger.sent(key, post(base, key, tokens.get(0), "p-" + idem, truth, true, photos(s.id() * 2 + (key.contest().equals("constituency") ? 0 : 1))));
                ledger.sent(key, post(base, key, tokens.get(1), "b-" + idem, body(misread(votes), key.contest(), false), false));
            }
            case AGREEMENT, WRONG_AFTER_VERIFIED -> {
                ledger.sent(key, post(base, key, tokens.get(0), "p-" + idem, truth, true));
                ledger.sent(key, post(base, key, tokens.get(1), "b-" + idem, truth, true));
            }
        }
    }

    private Ledger.Sent post(URI base, Ledger.Key key, String token, String idempotencyKey, String body, boolean truthful) throws Exception {
        return post(base, key, token, idempotencyKey, body, truthful, List.of());
    }

    /** A report as the phone sends it: JSON, or with photos a multipart form (the report, then the tally board, form and sign). */
    private Ledger.Sent post(URI base, Ledger.Key key, String token, String idempotencyKey, String body, boolean truthful, List<byte[]> photos)
            throws Exception {
        var request = HttpRequest.newBuilder(base.resolve("/api/v1/stations/" + key.stationId() + "/reports"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey);
        if (photos.isEmpty()) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            String boundary = "desk-trial-" + idempotencyKey;
            var out = new java.io.ByteArrayOutputStream();
            part(out, boundary, "report", null, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String[] names = { "tally_board", "count_form", "station_sign" };
            for (int i = 0; i < names.length; i++) {
                part(out, boundary, names[i], names[i] + ".png", "image/png", photos.get(i));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        String location = answer.headers().firstValue("Location").orElseThrow();
        return new Ledger.Sent(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)), truthful, true, System.nanoTime());
    }

    private static void part(java.io.ByteArrayOutputStream out, String boundary, String name, String filename, String type, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Three small photos, different for every station contest (a photo seen at two stations is a warning). */
    private static List<byte[]> photos(long seed) throws java.io.IOException {
        List<byte[]> out = new ArrayList<>();
        for (int kind = 0; kind < 3; kind++) {
            var image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, 0, (int) ((seed >> (x % 8 * 4)) & 0xF) * 0x111111);
                image.setRGB(x, 1, (int) ((seed * 3 + kind) & 0xFFFFFF));
            }
            image.setRGB(kind, 15, 0xFF0000);
            var bytes = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }

    /** A station's true count: ~70 % turnout, most votes to the first numbers; a form that does not add up says one more valid ballot. */
    private static Map<Integer, Long> truth(ElectionCatalog catalog, StationPoint s, String contest, boolean asWritten) {
        List<Integer> numbers = new ArrayList<>(catalog.ballotNumbers(ELECTION, contest, s.constituencyId()));
        long valid = Math.round(s.registeredVoters() * 0.7) - 7;
        Map<Integer, Long> votes = new TreeMap<>();
        long second = valid / 4;
        long third = valid / 10;
        for (int i = 0; i < numbers.size(); i++) {
            votes.put(numbers.get(i), i == 1 ? second : i == 2 ? third : i == 0 ? valid - second - third - (s.id() % 5) : i == 3 ? s.id() % 5 : 0L);
        }
        votes.put(-1, asWritten ? 1L : 0L); // carried to body(): the form's valid ballots beyond its votes
        return votes;
    }

    private static Map<Integer, Long> misread(Map<Integer, Long> votes) {
        Map<Integer, Long> wrong = new TreeMap<>(votes);
        List<Integer> numbers = wrong.keySet().stream().filter(x -> x > 0).toList();
        wrong.merge(numbers.get(0), -3L, Long::sum); // a 3 read for an 8 and carried over: the sums still agree
        wrong.merge(numbers.get(1), 3L, Long::sum);
        return wrong;
    }

    /** Half the count, as the tally board stood at some moment: its sums add up, it is not final. */
    private String tally(Map<Integer, Long> votes, String contest) {
        Map<String, Long> half = new TreeMap<>();
        votes.forEach((number, v) -> {
            if (number > 0) {
                half.put(String.valueOf(number), v / 2);
            }
        });
        long valid = half.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contest", contest);
        body.put("final", false);
        body.put("votes", half);
        body.put("valid", valid);
        body.put("invalid", 2);
        body.put("noVote", 1);
        body.put("ballotsUsed", valid + 3);
        body.put("warningsConfirmed", true);
        return json.writeValueAsString(body);
    }

    private String body(Map<Integer, Long> votesAndExtra, String contest, boolean asWritten) {
        Map<String, Long> votes = new TreeMap<>();
        votesAndExtra.forEach((number, v) -> {
            if (number > 0) {
                votes.put(String.valueOf(number), v);
            }
        });
        long valid = votes.values().stream().mapToLong(Long::longValue).sum() + votesAndExtra.getOrDefault(-1, 0L);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contest", contest);
        body.put("final", true);
        body.put("votes", votes);
        body.put("valid", valid);
        body.put("invalid", 5);
        body.put("noVote", 2);
        body.put("ballotsUsed", valid + 7);
        body.put("warningsConfirmed", true);
        if (asWritten) {
            body.put("asWritten", true);
        }
        return json.writeValueAsString(body);
    }

    private static long unverified(org.springframework.context.ConfigurableApplicationContext app, List<String> codes) {
        return app.getBean(JdbcClient.class).sql("""
                select count(*) from station_contest c where c.state <> 'VERIFIED' and c.constituency_id in
                  (select id from constituency where code in (:codes))""").param("codes", codes).query(Long.class).single();
    }
}

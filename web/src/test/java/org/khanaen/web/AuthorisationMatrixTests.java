package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.StationRole;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.Photos;
import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.WarRoom;
import org.khanaen.rewards.Audience;
import org.khanaen.rewards.CouponView;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.SponsorId;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterImports;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Who may call what, for every endpoint the application maps: one table, compared both ways with the handler
 * mappings (an endpoint missing from the table fails, and so does a line for an endpoint that is gone), then every
 * endpoint called as every kind of caller. A scoped caller ({@code name*}) is called with its own objects (must get
 * through, and not as "not found") and with another's: another organisation, constituency, station, sponsor, donor
 * or volunteer (must be refused, not found, or refused in words, never served).
 */
@FullStackTest
@Import({ RegistryFixture.class, AssignmentFixture.class, ReportFixture.class })
class AuthorisationMatrixTests {

    /**
     * One line per endpoint: method, path pattern, who may call it. {@code everyone} is every caller below,
     * {@code signed-in} everyone with a session (volunteer, lead, war-room, coordinator, admin, sponsor); anyone not
     * named is refused. A donor is a stranger holding their wallet link; media, org-token and reporter call with
     * their bearer tokens (khm_, khn_, khv_).
     */
    static final List<String> TABLE = List.of(
            // public pages and forms
            "GET    /                                                        everyone",
            "GET    /login                                                   everyone",
            "ALL    /error                                                   everyone",
            "GET    /**                                                      everyone", // static files (/css, /js, /img)
            "GET    /webjars/**                                              everyone",
            "GET    /join/{slug}                                             everyone",
            "POST   /join/{slug}                                             everyone",
            "GET    /join/{slug}/sent                                        everyone",
            "GET    /join/verify                                             everyone",
            "GET    /join/confirm                                            everyone",
            "GET    /organisations/{slug}/logo                               everyone",
            "GET    /invitation/{token}                                      everyone",
            "POST   /invitation/{token}                                      everyone",
            "GET    /invitation/sponsor/{token}                              everyone", // a sponsor's invitation: the link is the key
            "POST   /invitation/sponsor/{token}                              everyone",
            "GET    /assignment/respond                                      everyone", // the signed link is the key
            "POST   /assignment/respond                                      everyone",
            "GET    /assignment/answered                                     everyone",
            "GET    /assignment/reminders/stop                               everyone",
            "POST   /assignment/reminders/stop                               everyone",
            "GET    /assignment/reminders/stopped                            everyone",
            "GET    /verify                                                  everyone",
            "GET    /verify/{electionId}/{stationId}                         everyone",
            "GET    /verify/photos/{photoId}                                 everyone", // only photos a report names
            "GET    /results                                                 everyone",
            "GET    /results/{electionId}                                    everyone",
            "GET    /results/{electionId}/part                               everyone",
            "GET    /results/{electionId}/provinces/{code}                   everyone",
            "GET    /results/{electionId}/provinces/{code}/part              everyone",
            "GET    /results/{electionId}/constituencies/{code}              everyone",
            "GET    /results/{electionId}/constituencies/{code}/part         everyone",
            "GET    /results/{electionId}/stream                             everyone",
            "GET    /results/{electionId}/quick-count/sample.csv             everyone",
            "GET    /campaign                                                everyone",
            "POST   /campaign/donate                                         everyone",
            "GET    /campaign/thanks/{token}                                 everyone",
            "GET    /campaign/local-pay/{session}                            everyone", // development mode only
            "POST   /campaign/local-pay/{session}                            everyone",
            "GET    /ledger                                                  everyone",
            "GET    /ledger.csv                                              everyone",
            "GET    /ledger/expenses/{id}/receipt                            everyone",
            "GET    /ect/{electionId}/{folder:refs|records}/{name}           everyone",
            "GET    /dev/inbox                                               everyone", // development mode only
            "GET    /dev/inbox/{id}/html                                     everyone",
            "POST   /dev/inbox/clear                                         everyone",
            "GET    /wallet/{token}                                          everyone donor*", // the signed link is the key
            "GET    /wallet/{token}/{code}/qr.png                            everyone donor*",
            "POST   /wallet/{token}/{code}/send                              everyone donor*",
            "GET    /actuator/health                                         everyone",
            "GET    /actuator/health/**                                      everyone",
            "GET    /actuator/info                                           everyone",
            // anyone signed in
            "GET    /account/password                                        signed-in",
            "POST   /account/password                                        signed-in",
            // volunteers (leads sign in as volunteers)
            "GET    /me                                                      volunteer lead",
            "POST   /me                                                      volunteer lead",
            "POST   /me/withdraw                                             volunteer lead",
            "GET    /me/data.json                                            volunteer lead",
            "GET    /me/erase                                                volunteer lead",
            "POST   /me/erase                                                volunteer lead",
            "GET    /me/assignment                                           volunteer lead",
            "POST   /me/assignment/{id}/answer                               volunteer* lead*",
            "POST   /me/assignment/{id}/check-in                             volunteer* lead*",
            "GET    /me/assignment/{id}/calendar.ics                         volunteer* lead*",
            "POST   /me/assignment/reminders/resume                          volunteer lead",
            "POST   /me/assignment/reminders/stop                            volunteer lead",
            "GET    /me/report                                               volunteer lead",
            "POST   /me/report                                               volunteer* lead*", // the station is the volunteer's, or in the lead's constituency
            "GET    /me/report/receipts                                      volunteer* lead*", // the sender's own reports of their station
            "POST   /me/report/photos                                        volunteer lead",
            "POST   /me/report/photos/uploads                                volunteer lead",
            "POST   /me/report/token                                         volunteer lead",
            "POST   /me/report/token/revoke                                  volunteer lead",
            "GET    /me/coupons                                              volunteer lead",
            "GET    /me/coupons/{code}/qr.png                                volunteer* lead*",
            "POST   /me/coupons/{code}/wallet                                volunteer* lead*",
            // constituency leads: their own constituency only
            "GET    /lead                                                    lead",
            "POST   /lead/stations/{stationId}/backup-into-place             lead*",
            "POST   /lead/move                                               lead*",
            "POST   /lead/swap                                               lead*",
            "POST   /lead/release                                            lead*",
            "GET    /lead/volunteers/{volunteerId}                           lead*",
            "GET    /lead/results                                            lead",
            "POST   /lead/results/stations/{stationId}/chase                 lead*",
            "GET    /lead/results/items/{id}                                 lead*",
            "POST   /lead/results/items/{id}/confirm                         lead*",
            "POST   /lead/results/items/{id}/leave                           lead*",
            "GET    /lead/results/photos/{photoId}                           lead*",
            // verifiers: war-room accounts and administrators
            "GET    /war-room                                                war-room admin",
            "POST   /war-room/next                                           war-room admin",
            "GET    /war-room/items/{id}                                     war-room admin",
            "POST   /war-room/items/{id}/claim                               war-room admin",
            "POST   /war-room/items/{id}/release                             war-room admin",
            "POST   /war-room/items/{id}/approve                             war-room admin",
            "POST   /war-room/items/{id}/reject                              war-room admin",
            "POST   /war-room/items/{id}/correct                             war-room admin",
            "GET    /war-room/photos/{photoId}                               war-room admin",
            // sponsors: their own offers and counter
            "GET    /sponsor                                                 sponsor",
            "GET    /sponsor/offers/new                                      sponsor",
            "POST   /sponsor/offers                                          sponsor",
            "POST   /sponsor/offers/{id}/close                               sponsor*",
            "GET    /sponsor/profile                                         sponsor",
            "POST   /sponsor/profile                                         sponsor",
            "GET    /sponsor/redeem                                          sponsor",
            "POST   /sponsor/redeem/check                                    sponsor*", // shows only the sponsor's own coupons
            "POST   /sponsor/redeem                                          sponsor*", // only coupons of the sponsor's own offers
            // coordinators: their own organisation (administrators: any)
            "GET    /org                                                     coordinator admin",
            "GET    /org/{slug}/volunteers                                   coordinator* admin",
            "GET    /org/{slug}/volunteers/{id}                              coordinator* admin",
            "POST   /org/{slug}/volunteers/{id}/decision                     coordinator* admin",
            "POST   /org/{slug}/volunteers/{id}/note                         coordinator* admin",
            "GET    /org/{slug}/volunteers.csv                               coordinator* admin",
            "GET    /org/{slug}/import                                       coordinator* admin",
            "POST   /org/{slug}/import                                       coordinator* admin",
            "GET    /org/{slug}/import/template.csv                          coordinator* admin",
            "GET    /org/{slug}/import/{id}                                  coordinator* admin",
            "GET    /org/{slug}/import/{id}/status                           coordinator* admin",
            "POST   /org/{slug}/import/{id}/import                           coordinator* admin",
            "POST   /org/{slug}/import/{id}/cancel                           coordinator* admin",
            "GET    /org/{slug}/assignment                                   coordinator* admin",
            "POST   /org/{slug}/assignment/runs                              coordinator* admin",
            "GET    /org/{slug}/assignment/runs/{runId}                      coordinator* admin",
            "GET    /org/{slug}/coverage                                     coordinator* admin",
            "GET    /org/{slug}/assignments                                  coordinator* admin",
            "POST   /org/{slug}/assignments/assign                           coordinator* admin",
            "POST   /org/{slug}/assignments/move                             coordinator* admin",
            "POST   /org/{slug}/assignments/swap                             coordinator* admin",
            "POST   /org/{slug}/assignments/release                          coordinator* admin",
            // administrators
            "GET    /admin                                                   admin",
            "GET    /admin/audit                                             admin",
            "GET    /admin/elections                                         admin",
            "POST   /admin/elections/import/built-in                         admin",
            "POST   /admin/elections/import/file                             admin",
            "GET    /admin/elections/{electionId}                            admin",
            "GET    /admin/elections/{electionId}/constituencies             admin",
            "GET    /admin/elections/{electionId}/constituencies/{code}      admin",
            "GET    /admin/elections/{electionId}/stations                   admin",
            "GET    /admin/elections/{electionId}/quick-count                admin",
            "GET    /admin/elections/{electionId}/quick-count/sample.csv     admin",
            "POST   /admin/elections/{electionId}/quick-count/draw           admin",
            "POST   /admin/elections/{electionId}/quick-count/reveal         admin",
            "GET    /admin/elections/{electionId}/assignment                 admin",
            "POST   /admin/elections/{electionId}/assignment/runs            admin",
            "GET    /admin/elections/{electionId}/assignment/runs/{runId}    admin",
            "POST   /admin/elections/{electionId}/assignment/shifts          admin",
            "POST   /admin/elections/{electionId}/assignment/notify          admin",
            "GET    /admin/elections/{electionId}/assignment/mail-progress   admin",
            "GET    /admin/elections/{electionId}/coverage                   admin",
            "GET    /admin/elections/{electionId}/coverage/{province}        admin",
            "GET    /admin/elections/{electionId}/coverage/constituency/{code}   admin",
            "GET    /admin/elections/{electionId}/coverage/organisations     admin",
            "GET    /admin/elections/{electionId}/coverage/map               admin",
            "GET    /admin/elections/{electionId}/coverage/constituencies.json   admin",
            "POST   /admin/elections/{electionId}/coverage/constituency/{code}/assign              admin",
            "POST   /admin/elections/{electionId}/coverage/constituency/{code}/release             admin",
            "POST   /admin/elections/{electionId}/coverage/constituency/{code}/backup-into-place   admin",
            "POST   /admin/elections/{electionId}/coverage/constituency/{code}/swap                admin",
            "GET    /admin/elections/{electionId}/official                   admin",
            "POST   /admin/elections/{electionId}/official                   admin",
            "POST   /admin/retention/{electionId}/postpone                   admin",
            "GET    /admin/organisations                                     admin",
            "POST   /admin/organisations                                     admin",
            "GET    /admin/organisations/{slug}                              admin",
            "POST   /admin/organisations/{slug}                              admin",
            "POST   /admin/organisations/{slug}/logo                         admin",
            "POST   /admin/organisations/{slug}/invitations                  admin",
            "POST   /admin/organisations/{slug}/api-token                    admin",
            "GET    /admin/media                                             admin",
            "POST   /admin/media                                             admin",
            "POST   /admin/media/{id}/revoke                                 admin",
            "GET    /admin/sponsors                                          admin",
            "POST   /admin/sponsors                                          admin",
            "GET    /admin/donations                                         admin",
            "POST   /admin/donations/{id}/message                            admin",
            "GET    /admin/donations/expenses                                admin",
            "POST   /admin/donations/expenses                                admin",
            "GET    /admin/donations/pledges                                 admin",
            "POST   /admin/donations/pledges                                 admin",
            "GET    /actuator                                                admin",
            "GET    /actuator/metrics                                        admin",
            "GET    /actuator/metrics/{requiredMetricName}                   admin",
            "GET    /actuator/modulith                                       admin",
            // the API: public reference data, Stripe's signed webhook, and three kinds of token
            "GET    /api/v1/elections                                        everyone",
            "GET    /api/v1/elections/{electionId}                           everyone",
            "GET    /api/v1/elections/{electionId}/provinces                 everyone",
            "GET    /api/v1/elections/{electionId}/parties                   everyone",
            "GET    /api/v1/elections/{electionId}/constituencies            everyone",
            "GET    /api/v1/elections/{electionId}/constituencies/{constituencyId}   everyone",
            "GET    /api/v1/elections/{electionId}/stations                  everyone",
            "GET    /api/v1/elections/{electionId}/stations/{stationId}      everyone",
            "GET    /api/v1/elections/{electionId}/stations/{stationId}/verification   everyone",
            "GET    /api/v1/elections/{electionId}/open-data.zip             everyone",
            "POST   /api/stripe/webhook                                      everyone", // the event's signature is checked
            "GET    /api/v1/elections/{electionId}/results                   media",
            "GET    /api/v1/elections/{electionId}/results/quick-count       media",
            "GET    /api/v1/elections/{electionId}/results/quick-count/sample.csv   media",
            "GET    /api/v1/elections/{electionId}/results/provinces/{code}  media",
            "GET    /api/v1/elections/{electionId}/results/constituencies/{code}   media",
            "GET    /api/v1/elections/{electionId}/results/stations/{stationId:\\d+}   media",
            "GET    /api/v1/elections/{electionId}/results/stations.csv      media",
            "GET    /api/v1/elections/{electionId}/results/stream            media",
            "GET    /api/v1/org/volunteers                                   org-token",
            "POST   /api/v1/org/volunteers                                   org-token",
            "GET    /api/v1/org/volunteers/{id}                              org-token*",
            "PATCH  /api/v1/org/volunteers/{id}                              org-token*",
            "POST   /api/v1/stations/{stationId}/reports                     reporter*",
            "GET    /api/v1/stations/{stationId}/reports/{reportId}          reporter*",
            "POST   /api/v1/photos                                           reporter",
            "POST   /api/v1/photos/uploads                                   reporter");

    enum Caller {
        ANONYMOUS("anonymous"), VOLUNTEER("volunteer"), LEAD("lead"), WAR_ROOM("war-room"), COORDINATOR("coordinator"), ADMIN("admin"),
        SPONSOR("sponsor"), DONOR("donor"), MEDIA("media"), ORG_TOKEN("org-token"), REPORTER("reporter");

        final String word;

        Caller(String word) {
            this.word = word;
        }

        static final Set<Caller> SIGNED_IN = EnumSet.of(VOLUNTEER, LEAD, WAR_ROOM, COORDINATOR, ADMIN, SPONSOR);
    }

    /** Whose objects fill the path and the form: the caller's own, another's, or the caller's own first path variable and another's rest. */
    enum Side {
        OWN, OTHER, MIXED;

        boolean own(int variable) {
            return this == OWN || this == MIXED && variable == 0;
        }

        boolean ownParams() {
            return this == OWN;
        }
    }

    enum Access { ALLOWED, SCOPED, REFUSED }

    record Row(String method, String pattern, Map<Caller, Access> access) {
        String key() {
            return method + " " + pattern;
        }
    }

    /** One call: where, with what form fields, body or file. */
    record Call(String method, String path, Map<String, String> params, MediaType type, byte[] body, String fileField) {
        String describe() {
            return method + " " + path + (params.isEmpty() ? "" : " " + params);
        }
    }

    @Autowired WebApplicationContext context;
    @Autowired RegistryFixture registry;
    @Autowired AssignmentFixture people;
    @Autowired ReportFixture counts;
    @Autowired AccountDirectory accounts;
    @Autowired PartnerOrganisations organisations;
    @Autowired RosterImports imports;
    @Autowired AutoAssignment auto;
    @Autowired ReportIntake intake;
    @Autowired WarRoom verification;
    @Autowired MediaOutlets outlets;
    @Autowired Photos photos;
    @Autowired Sponsorships sponsorships;
    @Autowired Rewards rewards;
    @Autowired Coverage coverage;
    @Autowired ElectionCatalog catalog;

    private final Map<String, Long> time = new LinkedHashMap<>();
    /** Endpoints that let a caller through but refused the (harmless) form sent: worth knowing, not wrong. */
    private final Map<String, Set<Integer>> turnedAway = new java.util.TreeMap<>();
    /** The context's MockMvc, with its filters and security, but without printing two thousand exchanges when a call fails. */
    private MockMvc mvc;
    private final Map<Caller, RequestPostProcessor> as = new EnumMap<>(Caller.class);
    /** The values of path variables and form fields: [own, other], and per caller where it differs. */
    private final Map<String, String[]> values = new LinkedHashMap<>();
    private final Map<Caller, Map<String, String>> ownOf = new EnumMap<>(Caller.class);

    @Test
    void everyMappedEndpointIsInTheTableAndAnswersOnlyWhomTheTableNames() throws Exception {
        Map<String, Row> table = table();
        Set<String> mapped = mappedEndpoints();
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(table.keySet());
        Set<String> gone = new TreeSet<>(table.keySet());
        gone.removeAll(mapped);
        long covered = mapped.stream().filter(table::containsKey).count();
        System.out.printf("Authorisation matrix: %d endpoints mapped, %d in the table (%d%%)%n", mapped.size(), covered,
                mapped.isEmpty() ? 0 : covered * 100 / mapped.size());
        assertThat(missing).as("endpoints mapped but missing from the table (add a line saying who may call them)").isEmpty();
        assertThat(gone).as("lines in the table for endpoints no longer mapped").isEmpty();

        fixture();
        mvc = quietMockMvc();
        othersBefore = othersState();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Row row : table.values()) {
            for (Caller caller : Caller.values()) {
                Access access = row.access().get(caller);
                calls++;
                check(row, caller, Side.OWN, access == Access.REFUSED ? Expect.REFUSED : access == Access.SCOPED ? Expect.SERVED_OWN : Expect.SERVED,
                        wrong);
                if (access == Access.SCOPED) {
                    calls++;
                    check(row, caller, Side.OTHER, Expect.NOT_SERVED, wrong);
                    String mixed = call(row, caller, Side.MIXED).describe();
                    if (!mixed.equals(call(row, caller, Side.OWN).describe()) && !mixed.equals(call(row, caller, Side.OTHER).describe())) {
                        calls++;
                        check(row, caller, Side.MIXED, Expect.NOT_SERVED, wrong);
                    }
                }
            }
        }
        System.out.printf("Authorisation matrix: %d endpoints x %d callers, %d calls, %d not as the table says%n", table.size(),
                Caller.values().length, calls, wrong.size());
        wrong.forEach(System.out::println);
        System.out.printf("Authorisation matrix: %d endpoints let an allowed caller through to a 4xx of their own: %s%n", turnedAway.size(),
                turnedAway);
        time.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf("  slowest: %5d ms  %s%n", e.getValue() / 1_000_000, e.getKey()));
        assertThat(othersState()).as("another's things, after every caller tried them").isEqualTo(othersBefore);
        assertThat(wrong).as("calls not answered as the table says").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the table and the mappings

    static Map<String, Row> table() {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : TABLE) {
            String[] parts = line.strip().split("\\s+");
            Map<Caller, Access> access = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                access.put(caller, Access.REFUSED);
            }
            for (String who : Arrays.copyOfRange(parts, 2, parts.length)) {
                boolean scoped = who.endsWith("*");
                String word = scoped ? who.substring(0, who.length() - 1) : who;
                Collection<Caller> callers = switch (word) {
                    case "everyone" -> EnumSet.allOf(Caller.class);
                    case "signed-in" -> Caller.SIGNED_IN;
                    default -> List.of(Arrays.stream(Caller.values()).filter(c -> c.word.equals(word)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown caller " + word + " in: " + line)));
                };
                callers.forEach(c -> access.put(c, scoped ? Access.SCOPED : Access.ALLOWED));
            }
            Row row = new Row(parts[0], parts[1], access);
            if (rows.put(row.key(), row) != null) {
                throw new IllegalArgumentException("twice in the table: " + row.key());
            }
        }
        return rows;
    }

    /** Every method and path pattern of every handler mapping (the application's, the report API's own, actuator's, static files). */
    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (var entry : context.getBeansOfType(HandlerMapping.class).entrySet()) {
            HandlerMapping mapping = entry.getValue();
            if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
                infos.getHandlerMethods().keySet().forEach(info -> {
                    Set<String> methods = new TreeSet<>();
                    info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                    if (methods.isEmpty()) {
                        methods.add("ALL");
                    }
                    info.getPatternValues().forEach(p -> methods.forEach(m -> endpoints.add(m + " " + p)));
                });
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                urls.getHandlerMap().keySet().forEach(p -> endpoints.add("GET " + p));
            } else if (mapping instanceof org.springframework.web.servlet.function.support.RouterFunctionMapping routes) {
                assertThat(routes.getRouterFunction()).as("functional routes: add them to this test").isNull();
            } else {
                throw new AssertionError("a handler mapping this test cannot read: " + entry.getKey() + " " + mapping.getClass());
            }
        }
        return endpoints;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // calling

    enum Expect { SERVED, SERVED_OWN, REFUSED, NOT_SERVED }

    private void check(Row row, Caller caller, Side side, Expect expect, List<String> wrong) {
        Call call = call(row, caller, side);
        MvcResult result;
        String answer;
        long started = System.nanoTime();
        try {
            result = mvc.perform(builder(call, caller)).andReturn();
            time.merge(row.key(), System.nanoTime() - started, Long::sum);
        } catch (Exception e) {
            wrong.add(String.format("%-12s %-6s %s: %s, threw %s", caller.word, side, call.describe(), expect, e));
            return;
        }
        if (result.getRequest().isAsyncStarted()) {
            result.getRequest().getAsyncContext().complete(); // a stream: it answered, which is all we need
        }
        int status = result.getResponse().getStatus();
        String location = result.getResponse().getRedirectedUrl();
        boolean refused = status == 401 || status == 403 || status / 100 == 3 && location != null && location.matches("(https?://[^/]+)?/login");
        boolean inWords = inWords(result);
        answer = status + (location == null ? "" : " -> " + location) + (inWords ? " (refused in words)" : "");
        boolean malformed = status == 405 || status == 415; // the call never reached the endpoint: this test's mistake
        boolean ok = switch (expect) {
            case SERVED -> !refused && !malformed;
            case SERVED_OWN -> !refused && !malformed && status != 404 && status != 400;
            case REFUSED -> refused;
            case NOT_SERVED -> refused || status == 404 || inWords;
        };
        if (ok && (expect == Expect.SERVED || expect == Expect.SERVED_OWN) && status >= 400) {
            turnedAway.merge(row.key(), new TreeSet<>(Set.of(status)), (x, y) -> {
                x.addAll(y);
                return x;
            });
        }
        if (!ok) {
            wrong.add(String.format("%-12s %-6s %s: expected %s, got %s", caller.word, side, call.describe(), expect, answer));
        }
    }

    /** A refusal said on the page or in a flash message: the application's "not found" for a form's own fields. */
    private static boolean inWords(MvcResult result) {
        Map<String, Object> said = new LinkedHashMap<>();
        if (result.getFlashMap() != null) {
            said.putAll(result.getFlashMap());
        }
        if (result.getModelAndView() != null) {
            said.putAll(result.getModelAndView().getModel());
        }
        if (said.containsKey("notice") || said.containsKey("redemption")) {
            return false;
        }
        return List.of("problem", "problems", "flashError", "error").stream().map(said::get)
                .anyMatch(v -> v != null && !(v instanceof Collection<?> c && c.isEmpty()) && !"".equals(v));
    }

    private AbstractMockHttpServletRequestBuilder<?> builder(Call call, Caller caller) {
        AbstractMockHttpServletRequestBuilder<?> builder;
        if (call.fileField() != null) {
            var file = new MockMultipartFile(call.fileField(), "upload", call.type().toString(), call.body());
            builder = multipart(call.path()).file(file);
        } else {
            builder = request(HttpMethod.valueOf(call.method().equals("ALL") ? "GET" : call.method()), call.path());
            if (call.body() != null) {
                builder.contentType(call.type()).content(call.body());
            } else if (!call.params().isEmpty() && !call.method().equals("GET")) {
                builder.contentType(MediaType.APPLICATION_FORM_URLENCODED);
            }
        }
        call.params().forEach(builder::param);
        if (!call.method().equals("GET") && !call.method().equals("ALL")) {
            builder.with(csrf());
        }
        return builder.with(as.get(caller));
    }

    private MockMvc quietMockMvc() {
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
        context.getBeansOfType(MockMvcBuilderCustomizer.class).values().stream()
                .filter(customizer -> !(customizer instanceof SpringBootMockMvcBuilderCustomizer)).forEach(customizer -> customizer.customize(builder));
        SpringBootMockMvcBuilderCustomizer quiet = new SpringBootMockMvcBuilderCustomizer(context);
        quiet.setAddFilters(true);
        quiet.setPrint(MockMvcPrint.NONE);
        quiet.customize(builder);
        return builder.build();
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    /** The row's call for this caller: path variables filled, and the form the endpoint needs. */
    private Call call(Row row, Caller caller, Side side) {
        Matcher m = VARIABLE.matcher(row.pattern());
        StringBuilder path = new StringBuilder();
        int index = 0;
        while (m.find()) {
            String prefix = row.pattern().substring(0, m.start()) + "{" + m.group(1) + "}";
            m.appendReplacement(path, Matcher.quoteReplacement(value(prefix, m.group(1), side.own(index++), caller)));
        }
        m.appendTail(path);
        String filled = SAMPLES.getOrDefault(row.pattern(), path.toString());
        Shape shape = SHAPES.getOrDefault(row.key(), (f, s, c) -> new Call(row.method(), "", Map.of(), null, null, null));
        Call shaped = shape.call(this, side, caller);
        return new Call(row.method(), filled, shaped.params(), shaped.type(), shaped.body(), shaped.fileField());
    }

    /** A path variable: by the pattern up to it, else by the segment before it and its name, else by its name alone. */
    private String value(String prefix, String name, boolean own, Caller caller) {
        String segment = prefix.substring(0, prefix.lastIndexOf('/'));
        segment = segment.substring(segment.lastIndexOf('/') + 1);
        for (String key : List.of(prefix, segment + "/{" + name + "}", "{" + name + "}")) {
            if (own && ownOf.getOrDefault(caller, Map.of()).containsKey(key)) {
                return ownOf.get(caller).get(key);
            }
            String[] pair = values.get(key);
            if (pair != null) {
                return own ? pair[0] : pair[1];
            }
        }
        throw new AssertionError("no value for " + prefix + ": add one to the fixture");
    }

    private String own(String key, Side side) {
        return side.ownParams() ? values.get(key)[0] : values.get(key)[1];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // what each endpoint is sent: harmless where the caller may (a wrong form, an unknown id), real where a scope is checked

    @FunctionalInterface
    interface Shape {
        Call call(AuthorisationMatrixTests t, Side side, Caller caller);
    }

    private static Shape form(String... pairs) {
        return (t, side, caller) -> new Call("", "", params(t, side, pairs), null, null, null);
    }

    /** Field values: literal, or {@code @key} for the fixture's own or other value. */
    private static Map<String, String> params(AuthorisationMatrixTests t, Side side, String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1].startsWith("@") ? t.own(pairs[i + 1].substring(1), side) : pairs[i + 1]);
        }
        return params;
    }

    private static Shape file(String field, String type, byte[] content, String... pairs) {
        return (t, side, caller) -> new Call("", "", params(t, side, pairs), MediaType.parseMediaType(type), content, field);
    }

    private static Shape body(String type, Function<Side, String> content, String... pairs) {
        return (t, side, caller) -> new Call("", "", params(t, side, pairs), MediaType.parseMediaType(type),
                content.apply(side).getBytes(StandardCharsets.UTF_8), null);
    }

    private static final byte[] PNG = ReportFixture.image("png", 4242);
    private static final String ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private static final Map<String, String> SAMPLES = Map.of(
            "/**", "/css/khanaen.css",
            "/webjars/**", "/webjars/none/1.0/none.js",
            "/actuator/health/**", "/actuator/health/ping",
            // the whole election's export for every caller would take minutes: an unknown election says the same about access
            "/api/v1/elections/{electionId}/open-data.zip", "/api/v1/elections/no-such-election/open-data.zip");

    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();
    static {
        SHAPES.put("POST /account/password", form("currentPassword", "not my password", "newPassword", "a", "confirmPassword", "b"));
        SHAPES.put("GET /api/v1/elections/{electionId}/stations", form("constituency", "CMI_2", "size", "5"));
        SHAPES.put("GET /api/v1/elections/{electionId}/constituencies", form("province", "CMI"));
        SHAPES.put("GET /assignment/answered", form("answer", "CONFIRM"));
        SHAPES.put("POST /assignment/respond", form("token", "not-a-token", "answer", "CONFIRM"));
        SHAPES.put("POST /assignment/reminders/stop", form("token", "not-a-token"));
        SHAPES.put("POST /campaign/local-pay/{session}", form("outcome", "card"));
        SHAPES.put("POST /wallet/{token}/{code}/send", form("address", ADDRESS));
        SHAPES.put("POST /api/stripe/webhook", body("application/json", side -> "{}"));
        SHAPES.put("POST /me/assignment/{id}/answer", form("answer", "CONFIRM"));
        SHAPES.put("POST /me/report", form("station", "@station", "contest", "constituency"));
        SHAPES.put("GET /me/report/receipts", form("station", "@station"));
        SHAPES.put("POST /me/report/photos", file("file", "image/png", PNG, "kind", "COUNT_FORM"));
        SHAPES.put("POST /me/report/photos/uploads", body("application/json", side -> AuthorisationMatrixTests.UPLOAD));
        SHAPES.put("POST /me/coupons/{code}/wallet", form("address", ADDRESS));
        SHAPES.put("POST /lead/move", form("assignment", "@placed", "station", "@leadStation", "role", "PRIMARY"));
        SHAPES.put("POST /lead/swap", form("first", "@placed", "second", "@placed2"));
        SHAPES.put("POST /lead/release", form("assignment", "@placed"));
        SHAPES.put("POST /lead/results/items/{id}/confirm", form("report", "@report"));
        SHAPES.put("POST /war-room/items/{id}/approve", form("report", "0"));
        SHAPES.put("POST /war-room/items/{id}/reject", form("report", "0"));
        SHAPES.put("POST /sponsor/redeem/check", form("code", "@sponsorCoupon"));
        SHAPES.put("POST /sponsor/redeem", form("code", "@sponsorCoupon", "attempt", "matrix-confirmation"));
        SHAPES.put("POST /org/{slug}/volunteers/{id}/decision", form("decision", "APPROVE"));
        SHAPES.put("POST /org/{slug}/volunteers/{id}/note", form("note", "matrix"));
        SHAPES.put("POST /org/{slug}/import", file("file", "text/csv", "full_name\nnobody\n".getBytes(StandardCharsets.UTF_8)));
        SHAPES.put("POST /org/{slug}/import/{id}/import", form("consent", "true"));
        SHAPES.put("POST /org/{slug}/assignment/runs", form("scope", "CONSTITUENCY", "code", "NONE_0", "mode", "FILL"));
        SHAPES.put("POST /org/{slug}/assignments/assign", form("volunteer", "@volunteer", "station", "@stationCode", "role", "BACKUP"));
        SHAPES.put("POST /org/{slug}/assignments/move", form("assignment", "@placed", "station", "@stationCode", "role", "BACKUP"));
        SHAPES.put("POST /org/{slug}/assignments/swap", form("first", "@placed", "second", "@placed2"));
        SHAPES.put("POST /org/{slug}/assignments/release", form("assignment", "@placed"));
        SHAPES.put("POST /admin/elections/import/built-in", form("id", "no-such-election"));
        SHAPES.put("POST /admin/elections/import/file", file("file", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        SHAPES.put("POST /admin/elections/{electionId}/assignment/runs", form("scope", "CONSTITUENCY", "code", "NONE_0", "mode", "FILL"));
        SHAPES.put("POST /admin/elections/{electionId}/coverage/constituency/{code}/assign", form("volunteer", "0", "station", "0", "role", "PRIMARY"));
        SHAPES.put("POST /admin/elections/{electionId}/coverage/constituency/{code}/release", form("assignment", "0"));
        SHAPES.put("POST /admin/elections/{electionId}/coverage/constituency/{code}/backup-into-place", form("station", "0"));
        SHAPES.put("POST /admin/elections/{electionId}/coverage/constituency/{code}/swap", form("first", "0", "second", "0"));
        SHAPES.put("POST /admin/elections/{electionId}/official", file("file", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        SHAPES.put("POST /admin/organisations/{slug}/logo", file("logo", "image/png", "not an image".getBytes(StandardCharsets.UTF_8)));
        SHAPES.put("POST /admin/organisations/{slug}/invitations", form("email", "not-an-address"));
        SHAPES.put("POST /admin/donations/{id}/message", form("approve", "true"));
        SHAPES.put("POST /api/v1/org/volunteers", body("application/json", side -> "{}"));
        SHAPES.put("PATCH /api/v1/org/volunteers/{id}", body("application/json", side -> "{}"));
        SHAPES.put("POST /api/v1/photos/uploads", body("application/json", side -> AuthorisationMatrixTests.UPLOAD));
        SHAPES.put("POST /api/v1/photos", (t, side, caller) -> new Call("", "", Map.of("kind", "COUNT_FORM"), MediaType.IMAGE_PNG, PNG, null));
        SHAPES.put("POST /api/v1/stations/{stationId}/reports", (t, side, caller) -> {
            StationView station = side.ownParams() ? t.s1 : t.s2;
            String json = ReportFixture.json(t.counts.goodCount(station, "constituency"), "constituency", "matrix-" + System.nanoTime(), true,
                    List.of());
            return new Call("", "", Map.of(), MediaType.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8), null);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    /** A photo's upload asked for; nothing is stored until it arrives in the bucket. */
    private static final String UPLOAD = "{\"kind\":\"COUNT_FORM\",\"contentType\":\"image/png\",\"bytes\":100,\"sha256\":\""
            + "0".repeat(64) + "\"}";

    // the fixture: two organisations and their people, placed in two constituencies; a lead, reports, photos,
    // sponsors with offers, coupons for volunteers and donors, and the tokens

    private String othersBefore;
    private StationView s1;
    private StationView s2;

    private void fixture() {
        String election = AssignmentFixture.ELECTION;
        var a = registry.organisation("mx-a");
        var b = registry.organisation("mx-b");
        var c = registry.organisation("mx-c"); // the administrators' changes go to this one
        var v = people.volunteer(a.organisation().id(), a.slug(), "อาสา มาตริกซ์");
        var r = people.volunteer(a.organisation().id(), a.slug(), "ผู้รายงาน มาตริกซ์");
        var lead = people.volunteer(a.organisation().id(), a.slug(), "หัวหน้า มาตริกซ์");
        var p2 = people.volunteer(a.organisation().id(), a.slug(), "สอง มาตริกซ์");
        var p3 = people.volunteer(a.organisation().id(), a.slug(), "สาม มาตริกซ์");
        var w = people.volunteer(b.organisation().id(), b.slug(), "ดับเบิลยู มาตริกซ์");
        var w2 = people.volunteer(b.organisation().id(), b.slug(), "ดับเบิลยูสอง มาตริกซ์");
        List<StationView> x = people.stations("CMI_2");
        List<StationView> y = people.stations("KKN_7");
        s1 = x.get(0);
        s2 = y.get(0);
        AssignmentId vAt = people.atStation(v, s1, StationRole.PRIMARY);
        people.atStation(r, s1, StationRole.BACKUP);
        AssignmentId leadOf = people.asLead(lead, "CMI_2");
        AssignmentId p2At = people.atStation(p2, x.get(3), StationRole.PRIMARY);
        AssignmentId p3At = people.atStation(p3, x.get(4), StationRole.PRIMARY);
        AssignmentId wAt = people.atStation(w, s2, StationRole.PRIMARY);
        AssignmentId w2At = people.atStation(w2, y.get(1), StationRole.PRIMARY);

        long photo1 = photos.store(ReportFixture.image("png", 9001), PhotoKind.COUNT_FORM, ReportFixture.actor(r.volunteer())).id();
        long photo2 = photos.store(ReportFixture.image("png", 9002), PhotoKind.COUNT_FORM, ReportFixture.actor(w.volunteer())).id();
        long report1 = counts.send(s1, "constituency", r.volunteer(), "matrix-r-1", counts.goodCount(s1, "constituency"), List.of(photo1));
        long report2 = counts.send(s2, "constituency", w.volunteer(), "matrix-w-1", counts.goodCount(s2, "constituency"), List.of(photo2));
        long item1 = verification.itemOf(s1.id(), "constituency").orElseThrow();
        long item2 = verification.itemOf(s2.id(), "constituency").orElseThrow();

        long jobA = imports.upload(a.organisation().id(), "a.csv", "full_name\nnobody\n".getBytes(StandardCharsets.UTF_8), "matrix");
        long jobB = imports.upload(b.organisation().id(), "b.csv", "full_name\nnobody\n".getBytes(StandardCharsets.UTF_8), "matrix");
        long runA = auto.runAndWait(new RunRequest(election, RunRequest.Scope.CONSTITUENCY, "UBN_5", a.organisation().id(), RunRequest.Mode.FILL,
                "matrix")).id();
        long runB = auto.runAndWait(new RunRequest(election, RunRequest.Scope.CONSTITUENCY, "UBN_6", b.organisation().id(), RunRequest.Mode.FILL,
                "matrix")).id();

        String sponsor1 = "mx-sponsor-1-" + System.nanoTime() % 100_000;
        SponsorId one = sponsorships.register(sponsor1, "Matrix-sponsor-pass-1", new SponsorProfile("ร้านหนึ่ง", "Shop one", null, null, null));
        SponsorId two = sponsorships.register("mx-sponsor-2-" + System.nanoTime() % 100_000, "Matrix-sponsor-pass-2",
                new SponsorProfile("ร้านสอง", "Shop two", null, null, null));
        long serviceOne = offer(one, Audience.VERIFIED_VOLUNTEERS, null);
        long serviceTwo = offer(two, Audience.VERIFIED_VOLUNTEERS, null);
        long spareOne = offer(one, Audience.DONORS, 9_000_000_00L);
        long min = 8_000_000_00L + System.nanoTime() % 1_000;
        for (var person : List.of(v, lead, w)) {
            rewards.issueForService(election, person.volunteer(), Tier.STATION);
        }
        String couponV = couponOf(v.volunteer(), serviceOne);
        String couponLead = couponOf(lead.volunteer(), serviceOne);
        String couponW = couponOf(w.volunteer(), serviceOne);
        String couponVOfTwo = couponOf(v.volunteer(), serviceTwo);
        long gift = offer(one, Audience.DONORS, min);
        String[] wallet1 = wallet("mx-donation-1-" + System.nanoTime(), min, gift);
        String[] wallet2 = wallet("mx-donation-2-" + System.nanoTime(), min, gift);

        String warRoom = "mx-war-room-" + System.nanoTime() % 100_000 + "@example.org";
        accounts.create(new NewAccount(warRoom, "War room", "war room password 1", Set.of(Role.WAR_ROOM), false));
        String media = outlets.create("Matrix Daily", null, 10_000, "matrix").key();
        long spareOutlet = outlets.create("Matrix Spare", null, 10, "matrix").id();
        String orgToken = organisations.issueApiToken(a.slug());
        String reporterToken = intake.issueToken(r.volunteer());
        othersSnapshot = () -> List.of(
                coverage.assignment(wAt).orElseThrow(), coverage.assignment(w2At).orElseThrow(),
                sponsorships.offers(two).stream().map(o -> o.id() + (o.active() ? " open, " : " closed, ") + o.redeemed() + " redeemed").toList(),
                rewards.walletOf(w.volunteer()), rewards.walletOf(v.volunteer()).stream().filter(coupon -> coupon.offerId() == serviceTwo).toList(),
                rewards.walletOfLink(wallet2[0]), imports.job(b.organisation().id(), jobB).orElseThrow().status(),
                verification.stationsOfLead(election, catalog.constituency(election, "KKN_7").orElseThrow().id()).get(s2.id())).toString();

        as.put(Caller.ANONYMOUS, rq -> rq);
        as.put(Caller.DONOR, rq -> rq);
        as.put(Caller.VOLUNTEER, signedIn(v.email()));
        as.put(Caller.LEAD, signedIn(lead.email()));
        as.put(Caller.WAR_ROOM, signedIn(warRoom));
        as.put(Caller.COORDINATOR, signedIn(a.coordinator()));
        as.put(Caller.ADMIN, signedIn("admin"));
        as.put(Caller.SPONSOR, signedIn(sponsor1));
        as.put(Caller.MEDIA, bearer(media));
        as.put(Caller.ORG_TOKEN, bearer(orgToken));
        as.put(Caller.REPORTER, bearer(reporterToken));

        put("{electionId}", election, election);
        put("org/{slug}", a.slug(), b.slug());
        put("join/{slug}", a.slug(), a.slug());
        put("organisations/{slug}", c.slug(), c.slug());
        put("volunteers/{id}", v.volunteer().value(), w.volunteer().value());
        put("/lead/volunteers/{volunteerId}", p2.volunteer().value(), w.volunteer().value());
        put("import/{id}", jobA, jobB);
        put("runs/{runId}", runA, runB);
        put("/me/assignment/{id}", vAt.value(), wAt.value());
        ownOf.put(Caller.LEAD, new LinkedHashMap<>(Map.of("/me/assignment/{id}", String.valueOf(leadOf.value()),
                "/me/coupons/{code}", couponLead)));
        put("/lead/stations/{stationId}", x.get(5).id(), s2.id());
        put("{stationId}", s1.id(), s2.id());
        put("reports/{reportId}", report1, report2);
        put("items/{id}", item1, item2);
        put("photos/{photoId}", photo1, photo2);
        put("/me/coupons/{code}", couponV, couponW);
        put("wallet/{token}", wallet1[0], wallet1[0] + "x");
        put("/wallet/{token}/{code}", wallet1[1], wallet2[1]);
        put("offers/{id}", spareOne, serviceTwo);
        put("media/{id}", spareOutlet, spareOutlet);
        put("{token}", "not-a-token", "not-a-token");
        put("{session}", "not-a-session", "not-a-session");
        put("inbox/{id}", "not-a-mail", "not-a-mail");
        put("expenses/{id}", 0, 0);
        put("donations/{id}", 0, 0);
        put("provinces/{code}", "CMI", "CMI");
        put("coverage/{province}", "CMI", "CMI");
        put("{code}", "CMI_2", "CMI_2");
        put("{constituencyId}", "CMI_2", "CMI_2");
        put("{folder}", "refs", "refs");
        put("{name}", "info_province.json", "info_province.json");
        put("{requiredMetricName}", "jvm.memory.used", "jvm.memory.used");
        // form fields
        put("station", s1.id(), s2.id());
        put("stationCode", x.get(3).code(), y.get(1).code());
        put("leadStation", x.get(3).id(), y.get(1).id());
        put("placed", p2At.value(), wAt.value());
        put("placed2", p3At.value(), w2At.value());
        put("volunteer", v.volunteer().value(), w.volunteer().value());
        put("report", report1, report2);
        put("sponsorCoupon", wallet1[1], couponVOfTwo);
    }

    private java.util.function.Supplier<String> othersSnapshot;

    /**
     * Another organisation's, constituency's, sponsor's and donor's things where the application refuses in words: the
     * same after the matrix as before it.
     */
    private String othersState() {
        return othersSnapshot.get();
    }

    private void put(String key, Object own, Object other) {
        values.put(key, new String[] { String.valueOf(own), String.valueOf(other) });
    }

    private long offer(SponsorId sponsor, Audience audience, Long min) {
        return sponsorships.addOffer(sponsor, new OfferDraft("ของฝาก", "A gift", "หนึ่งชิ้น", "One", 10_00, 100,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), audience, min));
    }

    private String couponOf(VolunteerId volunteer, long offer) {
        return rewards.walletOf(volunteer).stream().filter(c -> c.offerId() == offer).map(CouponView::code).findFirst().orElseThrow();
    }

    /** A donor's wallet token and the code of one of its coupons. */
    private String[] wallet(String donation, long amount, long offer) {
        rewards.issueForDonation(donation, amount, donation + "@example.org", "ผู้บริจาค", Locale.forLanguageTag("th"));
        String link = rewards.walletLink(donation);
        String token = link.substring(link.indexOf("/wallet/") + "/wallet/".length());
        return new String[] { token, rewards.walletOfLink(token).stream().filter(c -> c.offerId() == offer).map(CouponView::code).findFirst()
                .orElseThrow() };
    }

    private RequestPostProcessor signedIn(String username) {
        var account = accounts.findForLogin(username).orElseThrow();
        return user(username).authorities(account.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).toList());
    }

    private static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }
}

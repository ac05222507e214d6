package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.checks.Tally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/**
 * Four hundred generated report bodies sent to the reports API as a partner app could send them: a good report
 * with one thing wrong (a value of the wrong type, a field missing or doubled, the text cut short, stray
 * characters), each from its own seed. Every one is answered 201/200 or a 4xx problem detail with a message,
 * never a 5xx; and the station holds exactly the reports that were answered as newly stored (201).
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class GeneratedReportBodiesTests {

    private static final String[] WRONG = { "null", "\"x\"", "[]", "{}", "-1", "1.5", "1e400", "\"12\"", "true", "99999999999999999999",
            "\"\\u0000\"", "{\"1\":{}}" };

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired ReportIntake intake;
    @Autowired JdbcClient jdbc;

    private static String mutate(String body, SplittableRandom random) {
        int at = random.nextInt(body.length());
        return switch (random.nextInt(6)) {
            case 0 -> body.substring(0, at);
            case 1 -> body.substring(0, at) + body.substring(at + 1);
            case 2 -> body.substring(0, at) + (char) random.nextInt(0x20, 0x3000) + body.substring(at);
            case 3 -> body.replaceFirst("\"(contest|final|valid|invalid|noVote|ballotsUsed|warningsConfirmed|photoIds|votes)\":",
                    "\"$1\":" + WRONG[random.nextInt(WRONG.length)] + ",\"ignored" + at + "\":");
            case 4 -> body.replaceFirst(",\"(valid|invalid|noVote|ballotsUsed|final)\":[^,}]*", "");
            default -> body.replace("}", ",\"valid\":" + WRONG[random.nextInt(WRONG.length)] + "}");
        };
    }

    @Test
    void everyBodyIsStoredOrRefusedWithAProblemNeverAServerError() throws Exception {
        var org = fixture.organisation("generated-bodies");
        var person = fixture.volunteer(org, "generated-bodies", "อาสา สุ่ม");
        StationView station = fixture.stations("SKN_1").get(2);
        fixture.atStation(person, station, StationRole.PRIMARY);
        String token = intake.issueToken(person.volunteer());
        Tally good = reports.goodCount(station, "constituency");

        int stored = 0;
        int created = 0;
        int refused = 0;
        for (long seed = 1; seed <= 400; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String key = "generated-body-" + seed;
            String body = mutate(ReportFixture.json(good, "constituency", key, true, List.of()), random);
            var answer = mvc.perform(post("/api/v1/stations/" + station.id() + "/reports").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
            int status = answer.getStatus();
            assertThat(status).as("seed %d: %s", seed, body).isIn(200, 201, 400, 409, 413, 415, 422);
            if (status >= 400) {
                refused++;
                assertThat(answer.getContentType()).as("seed %d", seed).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                String detail = JsonPath.read(answer.getContentAsString(), "$.detail");
                assertThat(detail).as("seed %d: a message", seed).isNotBlank();
                assertThat(reports.reports(key)).as("seed %d: refused, nothing stored", seed).isZero();
            } else {
                stored++;
                created += status == 201 ? 1 : 0; // 200: a cut-short key that named an earlier report, answered as its repeat
            }
        }
        System.out.printf("generated report bodies: %d stored, %d refused%n", stored, refused);
        assertThat(refused).isPositive();
        long rows = jdbc.sql("select count(*) from station_report where station_id = ?").param(station.id()).query(Long.class).single();
        assertThat(rows).as("exactly the reports answered as newly stored").isEqualTo(created);
    }
}

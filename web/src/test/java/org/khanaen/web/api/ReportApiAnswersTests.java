package org.khanaen.web.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.PhotoProblem;
import org.khanaen.results.Photos;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.checks.Findings;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.i18n.Dates;
import org.khanaen.web.report.FindingText;
import org.khanaen.web.report.ReportPlaces;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How the report API answers, with the results module's facades mocked: the controller and the problem-detail advice
 * only, no database, no security filters (the token's volunteer is put in the security context). The pattern
 * for a controller's answers; what the modules decide is tested against the database in {@code ReportApiTests}.
 */
@WebMvcTest(ReportApi.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ FindingText.class, Refusals.class, Dates.class })
class ReportApiAnswersTests {

    private static final String REPORT = """
            {"contest":"constituency","final":true,"votes":{"1":60,"2":40},"valid":100,"invalid":2,"noVote":1,"ballotsUsed":103,\
            "idempotencyKey":"slice-test-key-0001","warningsConfirmed":false,"photoIds":[]}""";
    private static final StationPoint STATION = new StationPoint(42, 7, "TST_1", "TST", 13.7, 100.5, false, 400, "th-2566");

    @Autowired MockMvc mvc;
    @MockitoBean ReportIntake intake;
    @MockitoBean Photos photos;
    @MockitoBean ReportPlaces places;

    /** The volunteer whose token the filter (not part of this slice) would have read. */
    @BeforeEach
    void signedInAsTheTokensVolunteer() {
        TestSecurityContextHolder.setAuthentication(new TestingAuthenticationToken(new VolunteerId(9), null, "ROLE_REPORTER"));
    }

    @AfterEach
    void signedOut() {
        TestSecurityContextHolder.clearContext();
    }

    @Test
    void aPhotoTheModuleRefusesIsAProblemDetailWithItsKeyAndWords() throws Exception {
        given(photos.store(any(), eq(Photos.PhotoKind.TALLY_BOARD), anyString())).willThrow(new PhotoProblem("photo.problem.not-an-image"));

        mvc.perform(post("/api/v1/photos").param("kind", "TALLY_BOARD").contentType(MediaType.IMAGE_JPEG).content(new byte[] { 1, 2, 3 })
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("photo.problem.not-an-image"))
                .andExpect(jsonPath("$.detail").value("This file is not a JPEG, PNG or WebP image"))
                .andExpect(jsonPath("$.instance").value("/api/v1/photos"));
    }

    @Test
    void aStationTheElectionDoesNotHaveIsNotFound() throws Exception {
        given(places.election()).willReturn("th-2566");
        given(intake.station("th-2566", 42)).willReturn(Optional.empty());

        mvc.perform(post("/api/v1/stations/42/reports").contentType(MediaType.APPLICATION_JSON).content(REPORT)
                        .header("Accept-Language", "en"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("There is no such station in this election"));
    }

    @Test
    void numbersThatBreakTheChecksAreA422WithEachFindingInWords() throws Exception {
        given(places.election()).willReturn("th-2566");
        given(intake.station("th-2566", 42)).willReturn(Optional.of(STATION));
        var votesSum = new Findings.Finding("votes-sum", Findings.Finding.Severity.ERROR, List.of(100L, 99L));
        given(intake.submit(any(), eq(List.of()))).willReturn(
                new ReportIntake.Result(ReportIntake.Outcome.REFUSED, null, new Findings(List.of(votesSum), List.of())));

        mvc.perform(post("/api/v1/stations/42/reports").contentType(MediaType.APPLICATION_JSON).content(REPORT)
                        .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The numbers do not pass the checks; the report was not stored"))
                .andExpect(jsonPath("$.findings[0].code").value("votes-sum"))
                .andExpect(jsonPath("$.findings[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.findings[0].message").value("The votes of all numbers (100) must equal the valid ballots (99)"));
    }

    @Test
    void aStoredReportIsCreatedWhereItsStatusIsRead() throws Exception {
        given(places.election()).willReturn("th-2566");
        given(intake.station(eq("th-2566"), anyLong())).willReturn(Optional.of(STATION));
        given(intake.submit(any(), eq(List.of()))).willReturn(
                new ReportIntake.Result(ReportIntake.Outcome.STORED, 1234L, new Findings(List.of(), List.of())));

        mvc.perform(post("/api/v1/stations/42/reports").contentType(MediaType.APPLICATION_JSON).content(REPORT)
                        )
                .andExpect(status().isCreated())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Location", "/api/v1/stations/42/reports/1234"))
                .andExpect(jsonPath("$.outcome").value("STORED"))
                .andExpect(jsonPath("$.final").value(true));
    }
}

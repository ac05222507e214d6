package org.khanaen.web.live;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.i18n.Dates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How the results API answers, with the live read side mocked: 404 for what the election does not have, and a read
 * revalidated by its ETag. No database and no security filters (the media key is {@code ResultsApiTests}' matter).
 */
@WebMvcTest(ResultsApi.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ Refusals.class, Dates.class }) // the problem-detail advice's words
class ResultsApiAnswersTests {

    private static final String NATIONAL = "/api/v1/elections/th-2566/results";

    @Autowired MockMvc mvc;
    @MockitoBean LiveResults live;
    @MockitoBean QuickCounts quickCounts;
    @MockitoBean ResultsJson json;
    @MockitoBean ResultsStream stream;
    @MockitoBean QuickCountJson quickCount;

    @Test
    void anElectionWithoutResultsIsNotFound() throws Exception {
        given(live.stamp("no-such")).willReturn(Optional.empty());

        mvc.perform(get("/api/v1/elections/no-such/results")).andExpect(status().isNotFound());
    }

    @Test
    void aProvinceTheElectionDoesNotHaveIsNotFound() throws Exception {
        given(live.stamp("th-2566")).willReturn(Optional.of(7L));
        given(live.province(eq("th-2566"), eq("XXX"), eq(LiveResults.View.VERIFIED))).willReturn(Optional.empty());

        mvc.perform(get(NATIONAL + "/provinces/XXX")).andExpect(status().isNotFound());
    }

    @Test
    void aClientThatHasThisVersionIsToldItIsNotModified() throws Exception {
        given(live.stamp("th-2566")).willReturn(Optional.of(7L));
        given(json.national("th-2566", LiveResults.View.VERIFIED)).willReturn(Optional.of("{\"v\":7}".getBytes(StandardCharsets.UTF_8)));

        String etag = mvc.perform(get(NATIONAL))
                .andExpect(status().isOk()).andExpect(content().json("{\"v\":7}")).andExpect(header().exists(HttpHeaders.ETAG))
                .andReturn().getResponse().getHeader(HttpHeaders.ETAG);

        mvc.perform(get(NATIONAL).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified()).andExpect(content().bytes(new byte[0]));
        given(live.stamp("th-2566")).willReturn(Optional.of(8L)); // a newer count: the old tag no longer matches
        mvc.perform(get(NATIONAL).header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isOk());
    }
}

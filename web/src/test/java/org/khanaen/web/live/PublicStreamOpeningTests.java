package org.khanaen.web.live;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.i18n.Dates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opening the public stream reads the live tally in memory only (issue 23: at 2,000 readers opening together, a
 * database round trip each left 22 refused after 30 s waiting for a connection): not the election catalogue, not the
 * quick count, nothing else that reads the database. The national document only on {@code ?national=true}.
 */
@WebMvcTest(DashboardController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ Refusals.class, Dates.class })
class PublicStreamOpeningTests {

    @Autowired MockMvc mvc;
    @MockitoBean ElectionCatalog catalog;
    @MockitoBean LiveResults live;
    @MockitoBean ResultsStream stream;
    @MockitoBean QuickCounts quickCounts;
    @MockitoBean SeatCharts charts;
    @MockitoBean PublicCatalogue publicCatalogue;

    @Test
    void openingTheStreamAsksTheDatabaseNothing() throws Exception {
        given(live.stamp("th-2566")).willReturn(Optional.of(7L));
        given(stream.open("th-2566", LiveResults.View.VERIFIED, false)).willReturn(new SseEmitter(0L));

        mvc.perform(get("/results/th-2566/stream")).andExpect(request().asyncStarted());

        verify(stream).open("th-2566", LiveResults.View.VERIFIED, false);
        verify(live).stamp("th-2566"); // the tally's fingerprint, in memory once built
        verifyNoMoreInteractions(live);
        verifyNoInteractions(catalog, quickCounts, charts);
    }

    @Test
    void theNationalDocumentOnlyWhenAskedFor() throws Exception {
        given(live.stamp("th-2566")).willReturn(Optional.of(7L));
        given(stream.open("th-2566", LiveResults.View.VERIFIED, true)).willReturn(new SseEmitter(0L));

        mvc.perform(get("/results/th-2566/stream").param("national", "true")).andExpect(request().asyncStarted());

        verify(stream).open("th-2566", LiveResults.View.VERIFIED, true);
    }

    @Test
    void anUnknownElectionHasNoStream() throws Exception {
        given(live.stamp("no-such")).willReturn(Optional.empty());

        mvc.perform(get("/results/no-such/stream")).andExpect(status().isNotFound());
        verifyNoInteractions(stream);
    }
}

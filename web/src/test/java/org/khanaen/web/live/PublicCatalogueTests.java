package org.khanaen.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Issue 23: the public results pages are rendered from the live results in memory; the catalogue (the election's
 * name, its contests and parties) is not read for every page, which held every database connection once a few hundred
 * readers came straight at the app (the rehearsal's audience).
 */
class PublicCatalogueTests {

    private final ElectionCatalog catalog = mock(ElectionCatalog.class);
    private final AtomicLong clock = new AtomicLong();

    PublicCatalogueTests() {
        given(catalog.election("th-2566")).willReturn(Optional.of(mock(ElectionSummary.class)));
        given(catalog.parties("th-2566")).willReturn(List.of());
    }

    @Test
    void pagesRenderedOneAfterAnotherReadTheCatalogueOnce() {
        LiveResults live = mock(LiveResults.class);
        given(live.stamp("th-2566")).willReturn(Optional.of(1L), Optional.of(2L), Optional.of(3L)); // the results change meanwhile
        given(live.province(any(), any(), any())).willReturn(Optional.of(mock(LiveResults.ProvinceResults.class)));
        var pages = new DashboardController(catalog, live, mock(ResultsStream.class), mock(QuickCounts.class), mock(SeatCharts.class),
                new PublicCatalogue(catalog, clock::get));
        for (int i = 0; i < 3; i++) {
            var request = new ServletWebRequest(new MockHttpServletRequest("GET", "/results/th-2566/provinces/BKK"), new MockHttpServletResponse());
            assertThat(pages.province("th-2566", "BKK", new ExtendedModelMap(), request)).isEqualTo("results/province");
        }
        verify(catalog, times(1)).election("th-2566");
        verify(catalog, times(1)).parties("th-2566");
    }

    @Test
    void keptAFewSecondsAndDroppedWhenTheElectionIsImportedAgain() {
        PublicCatalogue pages = new PublicCatalogue(catalog, clock::get);
        pages.election("th-2566");
        pages.parties("th-2566");
        verify(catalog, times(1)).election("th-2566");
        clock.addAndGet((PublicCatalogue.KEEP_SECONDS + 1) * 1_000_000_000L);
        pages.election("th-2566");
        verify(catalog, times(2)).election("th-2566");
        pages.on(new ElectionImported("th-2566", null));
        pages.parties("th-2566");
        verify(catalog, times(3)).election("th-2566");
        assertThat(pages.election("no-such")).isEmpty();
        assertThat(pages.election("no-such")).isEmpty();
        verify(catalog, times(2)).election("no-such"); // an unknown election is not kept: it may be imported any moment
    }
}

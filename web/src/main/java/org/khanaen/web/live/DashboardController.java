package org.khanaen.web.live;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.elections.PartyView;
import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The public results: the nation (seats, parties, a map of provinces), a province, a constituency. Verified numbers
 * only. The pages stay live: a small script listens to the election's stream and, when something changed, swaps in
 * the page's freshly rendered results part (at most every few seconds), so nobody has to reload.
 */
@Controller
@RequestMapping("/results")
class DashboardController {

    private final ElectionCatalog catalog;
    private final LiveResults live;
    private final ResultsStream stream;
    private final QuickCounts quickCounts;
    private final SeatCharts charts;
    private final PublicCatalogue pages;

    DashboardController(ElectionCatalog catalog, LiveResults live, ResultsStream stream, QuickCounts quickCounts, SeatCharts charts,
            PublicCatalogue pages) {
        this.catalog = catalog;
        this.pages = pages;
        this.charts = charts;
        this.live = live;
        this.stream = stream;
        this.quickCounts = quickCounts;
    }

    @GetMapping
    String newest() {
        return catalog.elections().stream().findFirst().map(e -> "redirect:/results/" + e.id()).orElse("results/none");
    }

    @GetMapping("/{electionId}")
    String national(@PathVariable String electionId, Model model, WebRequest request) {
        if (notModifiedNational(electionId, request)) {
            return null;
        }
        fillNational(electionId, model);
        return "results/national";
    }

    @GetMapping("/{electionId}/part")
    String nationalPart(@PathVariable String electionId, Model model, WebRequest request) {
        if (notModifiedNational(electionId, request)) {
            return null;
        }
        fillNational(electionId, model);
        return "results/national :: results";
    }

    @GetMapping("/{electionId}/provinces/{code}")
    String province(@PathVariable String electionId, @PathVariable String code, Model model, WebRequest request) {
        if (notModified(electionId, request, "p")) {
            return null;
        }
        fillProvince(electionId, code, model);
        return "results/province";
    }

    @GetMapping("/{electionId}/provinces/{code}/part")
    String provincePart(@PathVariable String electionId, @PathVariable String code, Model model, WebRequest request) {
        if (notModified(electionId, request, "p")) {
            return null;
        }
        fillProvince(electionId, code, model);
        return "results/province :: results";
    }

    @GetMapping("/{electionId}/constituencies/{code}")
    String constituency(@PathVariable String electionId, @PathVariable String code, Model model, WebRequest request) {
        if (notModified(electionId, request, "c")) {
            return null;
        }
        fillConstituency(electionId, code, model);
        return "results/constituency";
    }

    @GetMapping("/{electionId}/constituencies/{code}/part")
    String constituencyPart(@PathVariable String electionId, @PathVariable String code, Model model, WebRequest request) {
        if (notModified(electionId, request, "c")) {
            return null;
        }
        fillConstituency(electionId, code, model);
        return "results/constituency :: results";
    }

    /** The quick count's sample stations, once revealed (before that the commitment on the page is all there is). */
    @GetMapping(path = "/{electionId}/quick-count/sample.csv", produces = "text/csv")
    ResponseEntity<byte[]> sample(@PathVariable String electionId) {
        election(electionId);
        return SampleCsv.of(quickCounts.sample(electionId).filter(QuickCounts.PublicSample::revealed)
                .orElseThrow(() -> new NotFound("revealed sample of " + electionId)));
    }

    /**
     * The public stream: the same events as the media stream, verified numbers only, without the national results
     * after every change (the pages' script does not read them; tens of thousands of readers listen at once) unless
     * {@code ?national=true}.
     */
    @GetMapping(path = "/{electionId}/stream", produces = "text/event-stream")
    SseEmitter stream(@PathVariable String electionId, @RequestParam(defaultValue = "false") boolean national) {
        // the live tally in memory, not the catalogue: opening a stream touches no database (thousands open at once)
        live.stamp(electionId).orElseThrow(() -> new NotFound("election " + electionId));
        return stream.open(electionId, LiveResults.View.VERIFIED, national);
    }

    /** The national page also shows the quick count: its state (none, committed, revealed) is part of the ETag. */
    private boolean notModifiedNational(String electionId, WebRequest request) {
        return notModified(electionId, request, "n" + quickCounts.sample(electionId).map(s -> s.revealed() ? "r" : "c").orElse(""));
    }

    /** Caching headers (PublicCaching); true when answered 304. An unknown election is left to the page (404). */
    private boolean notModified(String electionId, WebRequest request, String page) {
        return live.stamp(electionId).map(stamp -> PublicCaching.notModified(request, stamp, page)).orElse(false);
    }

    private void fillNational(String electionId, Model model) {
        ElectionSummary election = election(electionId, model);
        var results = live.national(electionId, LiveResults.View.VERIFIED).orElseThrow(() -> new NotFound("election " + electionId));
        model.addAttribute("election", election);
        model.addAttribute("results", results);
        model.addAttribute("seated", seatBar(results));
        var sample = quickCounts.sample(electionId).orElse(null);
        // before the reveal only the commitment is public: no estimate either, so nothing hints at which stations are in it
        model.addAttribute("quick", QuickCountPanel.of(sample, sample != null && sample.revealed() ? quickCounts.estimate(electionId).orElse(null) : null));
        model.addAttribute("voted", results.parties().stream().filter(p -> p.partyListVotes() > 0 || p.constituencyVotes() > 0).toList());
        List<LiveResults.ProvinceSummary> provinces = live.provinces(electionId, LiveResults.View.VERIFIED).orElse(List.of());
        model.addAttribute("provinces", provinces);
        model.addAttribute("map", ProvinceMap.of(provinces));
        model.addAttribute("parties", parties(electionId, model));
        Map<String, String> colours = results.parties().stream()
                .collect(Collectors.toMap(LiveResults.PartyResult::partyId, p -> ProvinceMap.colour(p.colour()), (a, b) -> a));
        model.addAttribute("colours", colours);
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("hemicycle", SeatCharts.hemicycle(results, locale));
        model.addAttribute("openColour", SeatCharts.EMPTY);
        model.addAttribute("tiles", charts.tiles(electionId, provinces, colours, locale));
    }

    /** A block per party with seats, side by side over all the seats at stake (500 wide). */
    record SeatBlock(double x, double width, String colour, LiveResults.PartyResult party) {
    }

    private static List<SeatBlock> seatBar(LiveResults.NationalResults results) {
        int total = results.seats().partyList() + results.seats().constituencies();
        List<SeatBlock> blocks = new java.util.ArrayList<>();
        double x = 0;
        for (var p : results.parties()) {
            if (p.totalSeats() > 0 && total > 0) {
                double w = 500.0 * p.totalSeats() / total;
                blocks.add(new SeatBlock(x, w, ProvinceMap.colour(p.colour()), p));
                x += w;
            }
        }
        return blocks;
    }

    private void fillProvince(String electionId, String code, Model model) {
        model.addAttribute("election", election(electionId, model));
        model.addAttribute("results", live.province(electionId, code, LiveResults.View.VERIFIED).orElseThrow(() -> new NotFound("province " + code)));
        model.addAttribute("parties", parties(electionId, model));
    }

    private void fillConstituency(String electionId, String code, Model model) {
        model.addAttribute("election", election(electionId, model));
        var results = live.constituency(electionId, code, LiveResults.View.VERIFIED).orElseThrow(() -> new NotFound("constituency " + code));
        model.addAttribute("results", results);
        model.addAttribute("parties", parties(electionId, model));
    }

    /** The election, and its contests' names for the pages. */
    private ElectionSummary election(String electionId, Model model) {
        ElectionSummary election = election(electionId);
        model.addAttribute("contests", election.contests().stream()
                .collect(Collectors.toMap(org.khanaen.elections.ContestView::code, org.khanaen.elections.ContestView::name)));
        return election;
    }

    /** The catalogue as the pages show it, kept a few seconds (PublicCatalogue): not read for every page rendered. */
    private ElectionSummary election(String electionId) {
        return pages.election(electionId).orElseThrow(() -> new NotFound("election " + electionId));
    }

    private Map<String, PartyView> parties(String electionId) {
        return pages.parties(electionId);
    }

    /** The parties by code, and whether none has an English name (English pages then say so: issue 25). */
    private Map<String, PartyView> parties(String electionId, Model model) {
        Map<String, PartyView> parties = parties(electionId);
        // the commission publishes no English party names: English pages say so rather than pass Thai off silently
        model.addAttribute("thaiPartyNamesOnly", parties.values().stream().allMatch(p -> p.name().en() == null || p.name().en().isBlank()));
        return parties;
    }

    /** Provinces placed by longitude and latitude in an SVG box (no map tiles: nothing leaves the site). */
    record ProvinceMap(int width, int height, List<Dot> dots) {

        record Dot(String code, String name, double x, double y, double r, String colour, double percent) {
        }

        static ProvinceMap of(List<LiveResults.ProvinceSummary> provinces) {
            List<LiveResults.ProvinceSummary> placed = provinces.stream().filter(p -> p.latitude() != null && p.longitude() != null).toList();
            if (placed.isEmpty()) {
                return new ProvinceMap(300, 500, List.of());
            }
            double minLon = placed.stream().mapToDouble(LiveResults.ProvinceSummary::longitude).min().orElse(0) - 0.5;
            double maxLon = placed.stream().mapToDouble(LiveResults.ProvinceSummary::longitude).max().orElse(0) + 0.5;
            double minLat = placed.stream().mapToDouble(LiveResults.ProvinceSummary::latitude).min().orElse(0) - 0.5;
            double maxLat = placed.stream().mapToDouble(LiveResults.ProvinceSummary::latitude).max().orElse(0) + 0.5;
            double scale = 500 / (maxLat - minLat);
            int width = (int) Math.ceil((maxLon - minLon) * scale);
            long most = placed.stream().mapToLong(LiveResults.ProvinceSummary::registeredVoters).max().orElse(1);
            List<Dot> dots = placed.stream().sorted(Comparator.comparingLong(LiveResults.ProvinceSummary::registeredVoters).reversed())
                    .map(p -> new Dot(p.code(), p.name().in(Locale.forLanguageTag("th")), (p.longitude() - minLon) * scale,
                            (maxLat - p.latitude()) * scale, 4 + 14 * Math.sqrt((double) p.registeredVoters() / Math.max(1, most)),
                            colour(p.leadingPartyColour()), p.percentCounted()))
                    .toList();
            return new ProvinceMap(width, 500, dots);
        }

        /** A party's colour when it is a plain hex colour; grey otherwise (also before any result). */
        static String colour(String c) {
            return c != null && c.matches("#?[0-9A-Fa-f]{6}") ? (c.startsWith("#") ? c : "#" + c) : "#9aa5b1";
        }
    }
}

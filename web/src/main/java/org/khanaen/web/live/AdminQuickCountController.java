package org.khanaen.web.live;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.results.QuickCounts;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators draw an election's quick-count sample (before election day: a seed, and a size or a target margin)
 * and reveal it (after the polls close). The page shows the formula, the commitment to publish and, to them only, the
 * list before the reveal (docs/quick-count.md).
 */
@Controller
@RequestMapping("/admin/elections/{electionId}/quick-count")
class AdminQuickCountController {

    /** The planning value of σ for a large party's share (docs/quick-count.md). */
    static final double SIGMA = 0.15;

    private final ElectionCatalog catalog;
    private final QuickCounts quickCounts;
    private final Refusals refusals;

    AdminQuickCountController(ElectionCatalog catalog, QuickCounts quickCounts, Refusals refusals) {
        this.catalog = catalog;
        this.quickCounts = quickCounts;
        this.refusals = refusals;
    }

    @GetMapping
    String page(@PathVariable String electionId, Model model) {
        model.addAttribute("election", catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId)));
        int stations = catalog.stationCodes(electionId).size();
        model.addAttribute("stations", stations);
        model.addAttribute("sigma", SIGMA);
        model.addAttribute("sizeForOnePoint", stations == 0 ? 0 : QuickCounts.sampleSize(0.01, SIGMA, stations));
        model.addAttribute("sample", quickCounts.sampleForAdministrators(electionId).orElse(null));
        return "admin/quick-count";
    }

    /**
     * @param size   stations; blank to size the sample for {@code margin}
     * @param margin the target half-width of the 95 % interval, in percentage points
     */
    @PostMapping("/draw")
    String draw(@PathVariable String electionId, @RequestParam(defaultValue = "") String seed, @RequestParam(defaultValue = "") String size,
            @RequestParam(defaultValue = "1") String margin, Authentication authentication, RedirectAttributes redirect) {
        Integer n;
        double e;
        try {
            n = size.isBlank() ? null : Integer.valueOf(size.strip());
            e = Double.parseDouble(margin.strip()) / 100;
        } catch (NumberFormatException bad) {
            redirect.addFlashAttribute("flashError", "qc.admin.problem.number");
            return back(electionId);
        }
        if (n == null && !(e >= 0.001 && e <= 0.2)) {
            redirect.addFlashAttribute("flashError", "qc.admin.problem.margin");
            return back(electionId);
        }
        refusals.attempt(redirect, "qc.admin.drawn",
                () -> quickCounts.draw(electionId, seed, n, n == null ? e : 0.01, SIGMA, authentication.getName()));
        return back(electionId);
    }

    @PostMapping("/reveal")
    String reveal(@PathVariable String electionId, RedirectAttributes redirect) {
        refusals.attempt(redirect, "qc.admin.revealed", () -> quickCounts.reveal(electionId));
        return back(electionId);
    }

    /** The sample's list for administrators, before the reveal too (to brief assignment; it must not leave the team). */
    @GetMapping(path = "/sample.csv", produces = "text/csv")
    ResponseEntity<byte[]> csv(@PathVariable String electionId) {
        return SampleCsv.of(quickCounts.sampleForAdministrators(electionId).orElseThrow(() -> new NotFound("sample of " + electionId)));
    }

    private static String back(String electionId) {
        return "redirect:/admin/elections/" + electionId + "/quick-count";
    }
}

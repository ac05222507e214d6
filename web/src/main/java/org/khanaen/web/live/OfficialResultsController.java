package org.khanaen.web.live;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ect.EctPartyFile;
import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.OfficialResults;
import org.khanaen.web.errors.NotFound;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Administrators load the commission's official results (its results file format, and optionally its party file) and
 * see where they differ from Khanaen's verified results, constituency by constituency, and where the files contradict
 * themselves: they are taken as published, so a file that does not add up is recorded as written and its
 * contradictions listed.
 */
@Controller
@RequestMapping("/admin/elections/{electionId}/official")
class OfficialResultsController {

    private final ElectionCatalog catalog;
    private final OfficialResults official;
    private final JsonMapper json;

    OfficialResultsController(ElectionCatalog catalog, OfficialResults official, JsonMapper json) {
        this.catalog = catalog;
        this.official = official;
        this.json = json;
    }

    @GetMapping
    String page(@PathVariable String electionId, Model model) {
        model.addAttribute("election", catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId)));
        model.addAttribute("recorded", official.count(electionId));
        model.addAttribute("differences", official.differences(electionId));
        model.addAttribute("contradictions", official.contradictions(electionId));
        return "admin/official";
    }

    @PostMapping
    String upload(@PathVariable String electionId, @RequestParam("file") MultipartFile file,
            @RequestParam(name = "partyFile", required = false) MultipartFile partyFile, Authentication authentication,
            RedirectAttributes redirect) {
        catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId));
        try (InputStream in = file.getInputStream()) {
            EctResults results = EctResults.read(in, json);
            if (partyFile != null && !partyFile.isEmpty()) {
                // the party file's national totals are not kept (official_result is per constituency): its
                // contradictions are shown with this upload
                try (InputStream parties = partyFile.getInputStream()) {
                    redirect.addFlashAttribute("partyContradictions", contradictions(EctPartyFile.read(parties, json), results));
                }
            }
            var recorded = official.record(electionId, counts(electionId, results),
                    "ECT file " + file.getOriginalFilename() + " (" + results.lastUpdate() + ")", authentication.getName());
            if (!recorded.unknown().isEmpty()) {
                redirect.addFlashAttribute("error", "official.problem.unknown");
                redirect.addFlashAttribute("errorArgument", String.join(", ", recorded.unknown()));
            } else {
                redirect.addFlashAttribute("notice", "official.recorded");
                redirect.addFlashAttribute("noticeArgument", recorded.recorded());
            }
        } catch (IllegalArgumentException | IOException e) {
            redirect.addFlashAttribute("error", "official.problem.file");
            redirect.addFlashAttribute("errorArgument", e.getMessage());
        }
        return "redirect:/admin/elections/" + electionId + "/official";
    }

    /** Both contests of every constituency in the file, by ballot number (the file names parties by the commission's id). */
    private List<OfficialResults.OfficialCount> counts(String electionId, EctResults results) {
        Map<String, Integer> partyBallots = new HashMap<>();
        for (PartyView p : catalog.parties(electionId)) {
            if (p.ballotNumber() != null) {
                partyBallots.put(p.code(), p.ballotNumber());
            }
        }
        List<OfficialResults.OfficialCount> counts = new ArrayList<>();
        for (EctResults.Constituency c : results.constituencies()) {
            Map<Integer, Long> candidates = c.candidateVotes();
            Map<Integer, Long> parties = c.partyListVotes(partyBallots);
            counts.add(new OfficialResults.OfficialCount(c.code(), "constituency", candidates, c.candidates().valid(), c.candidates().invalid(),
                    c.candidates().blank(), c.candidates().came()));
            counts.add(new OfficialResults.OfficialCount(c.code(), "party-list", parties, c.partyList().valid(), c.partyList().invalid(),
                    c.partyList().blank(), c.partyList().came()));
        }
        return counts;
    }

    /** Where the party file contradicts itself or the results file, party by party. */
    static List<OfficialResults.Contradiction> contradictions(EctPartyFile parties, EctResults results) {
        return parties.comparisons(results).stream()
                .flatMap(c -> OfficialResults.totalsContradictions(c.contest(), c.written(), c.sums()).stream()).toList();
    }

}

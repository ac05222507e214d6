package org.khanaen.web.admin;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.elections.ImportProblem;
import org.khanaen.elections.ImportReport;
import org.khanaen.volunteers.PersonalDataRetention;
import org.khanaen.web.errors.NotFound;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators load elections and browse their reference data. */
@Controller
@RequestMapping("/admin/elections")
class AdminElectionsController {

    private final ElectionCatalog catalog;
    private final ElectionImports imports;
    private final PersonalDataRetention retention;

    AdminElectionsController(ElectionCatalog catalog, ElectionImports imports, PersonalDataRetention retention) {
        this.catalog = catalog;
        this.imports = imports;
        this.retention = retention;
    }

    @GetMapping
    String elections(Model model) {
        List<ElectionSummary> elections = catalog.elections();
        model.addAttribute("elections", elections);
        model.addAttribute("builtIn", imports.builtIn().stream().filter(id -> !catalog.exists(id)).toList());
        model.addAttribute("retention", retention.outlook()); // personal-data erasure is announced where administrators land
        return "admin/elections";
    }

    @PostMapping("/import/built-in")
    String importBuiltIn(@RequestParam String id, RedirectAttributes redirect) {
        return report(() -> imports.importBuiltIn(id), redirect);
    }

    @PostMapping("/import/file")
    String importFile(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("problems", List.of(new ImportProblem(
                    Optional.ofNullable(file.getOriginalFilename()).orElse(""), "", "the file is empty")));
            return "redirect:/admin/elections";
        }
        byte[] content = file.getBytes();
        return report(() -> imports.importFile(file.getOriginalFilename(), content), redirect);
    }

    private String report(java.util.function.Supplier<ImportReport> load, RedirectAttributes redirect) {
        try {
            ImportReport report = load.get();
            redirect.addFlashAttribute("imported", report);
            return "redirect:/admin/elections/" + report.electionId();
        } catch (ElectionImportFailed failure) {
            redirect.addFlashAttribute("problems", failure.problems());
            return "redirect:/admin/elections";
        }
    }

    @GetMapping("/{electionId}")
    String election(@PathVariable String electionId, Model model) {
        model.addAttribute("election", catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId)));
        model.addAttribute("provinces", catalog.provinces(electionId));
        model.addAttribute("parties", catalog.parties(electionId));
        return "admin/election";
    }

    @GetMapping("/{electionId}/constituencies")
    String constituencies(@PathVariable String electionId, @RequestParam Optional<String> province, Model model) {
        model.addAttribute("election", catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId)));
        model.addAttribute("province", province.orElse(null));
        model.addAttribute("constituencies", catalog.constituencies(electionId, province));
        return "admin/constituencies";
    }

    @GetMapping("/{electionId}/constituencies/{code}")
    String constituency(@PathVariable String electionId, @PathVariable String code, Model model) {
        var election = catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId));
        model.addAttribute("election", election);
        model.addAttribute("contestNames", election.contests().stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.code(), c -> c.name())));
        model.addAttribute("constituency", catalog.constituency(electionId, code)
                .orElseThrow(() -> new NotFound("constituency " + code)));
        return "admin/constituency";
    }

    @GetMapping("/{electionId}/stations")
    String stations(@PathVariable String electionId, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("election", catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId)));
        model.addAttribute("stations", catalog.stations(electionId, Optional.empty(), PageRequest.of(Math.max(0, page), 100)));
        return "admin/stations";
    }
}

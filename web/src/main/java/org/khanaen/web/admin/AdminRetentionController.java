package org.khanaen.web.admin;

import java.time.LocalDate;

import org.khanaen.volunteers.RegistryProblem;
import org.khanaen.volunteers.PersonalDataRetention;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators postpone the erasure of an election's volunteers (PDPA retention), until a day, for a reason. */
@Controller
class AdminRetentionController {

    private final PersonalDataRetention retention;

    AdminRetentionController(PersonalDataRetention retention) {
        this.retention = retention;
    }

    @PostMapping("/admin/retention/{electionId}/postpone")
    String postpone(@PathVariable String electionId, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @RequestParam(defaultValue = "") String reason, Authentication authentication, RedirectAttributes redirect) {
        try {
            retention.postpone(electionId, until, reason, authentication.getName());
            redirect.addFlashAttribute("retentionNotice", "retention.postponed");
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("retentionError", problem.code());
        }
        return "redirect:/admin/elections#retention";
    }
}

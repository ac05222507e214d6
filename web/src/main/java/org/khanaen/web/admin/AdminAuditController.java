package org.khanaen.web.admin;

import org.khanaen.volunteers.PersonalDataAudit;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who read or changed volunteers' personal data. */
@Controller
class AdminAuditController {

    private final PersonalDataAudit audit;

    AdminAuditController(PersonalDataAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) Long volunteer, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("volunteer", volunteer);
        model.addAttribute("entries", audit.entries(volunteer, PageRequest.of(Math.max(0, page), 100)));
        return "admin/audit";
    }
}

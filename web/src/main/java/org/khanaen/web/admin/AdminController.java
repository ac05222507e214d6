package org.khanaen.web.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AdminController {

    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/elections";
    }
}

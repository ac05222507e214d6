package org.khanaen.web.home;

import org.khanaen.elections.ElectionCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final ElectionCatalog catalog;

    HomeController(ElectionCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("elections", catalog.elections());
        return "home";
    }
}

package org.khanaen.web.live;

import org.khanaen.results.MediaOutlets;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators give media outlets a key for the results API (shown once), set its rate, and revoke it. */
@Controller
@RequestMapping("/admin/media")
class AdminMediaController {

    private final MediaOutlets outlets;

    AdminMediaController(MediaOutlets outlets) {
        this.outlets = outlets;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("outlets", outlets.all());
        return "admin/media";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "600") String perMinute, Authentication authentication, RedirectAttributes redirect) {
        try {
            int rate = Integer.parseInt(perMinute.strip());
            var created = outlets.create(name, contact, rate, authentication.getName());
            redirect.addFlashAttribute("mediaKey", created.key());
            redirect.addFlashAttribute("mediaName", name.strip());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("error", "media.problem.rate");
            redirect.addFlashAttribute("name", name);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("name", name);
        }
        return "redirect:/admin/media";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", outlets.revoke(id) ? "media.revoked" : "media.problem.revoked-already");
        return "redirect:/admin/media";
    }
}

package org.khanaen.web.dev;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.khanaen.platform.mail.DevMail;
import org.khanaen.platform.mail.DevMailbox;
import org.khanaen.web.errors.NotFound;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The development inbox: every mail the app sent in development mode, open to anyone without signing
 * in, because whoever tries the app must be able to follow the verification link in "their" mail. It
 * exists only beside the development mail server (same switch); production has neither.
 */
@Controller
@RequestMapping("/dev/inbox")
@ConditionalOnBooleanProperty("khanaen.mail.dev-server.enabled")
class DevInboxController {

    /**
     * A mail's HTML is someone else's markup: it is shown only as its own document, in a frame with no
     * scripts, no forms, no access to the app's origin (sandbox without allow-same-origin), fetching
     * nothing but images. Links open in a new tab outside the sandbox, so they work. frame-ancestors
     * lets the inbox page frame it; browsers then ignore the X-Frame-Options: DENY that Spring Security
     * still adds (CSP frame-ancestors takes precedence over it).
     */
    static final String MAIL_HTML_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "
            + "img-src 'self' data: https:; style-src 'unsafe-inline'; frame-ancestors 'self'";
    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Bangkok"));

    private final DevMailbox mailbox;

    DevInboxController(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    record Row(DevMail mail, String time) {
    }

    @GetMapping
    String inbox(@RequestParam(required = false) String id, CsrfToken csrf, Model model) {
        // A long inbox fills the response buffer before the form at its foot asks for the token; by then
        // the response is committed and no session can be made for it. So the token is made first.
        csrf.getToken();
        List<DevMail> mails = mailbox.messages();
        model.addAttribute("mails", mails.stream().map(m -> new Row(m, TIME.format(m.sentAt()))).toList());
        if (id != null) {
            DevMail selected = mails.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new NotFound("mail " + id));
            model.addAttribute("selected", selected);
            model.addAttribute("selectedTime", TIME.format(selected.sentAt()));
            model.addAttribute("textParts", LinkedText.of(selected.textBody()));
        }
        return "dev/inbox";
    }

    @GetMapping("/{id}/html")
    ResponseEntity<String> html(@PathVariable String id) {
        DevMail mail = mailbox.message(id).filter(m -> m.htmlBody() != null).orElseThrow(() -> new NotFound("mail " + id));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", MAIL_HTML_POLICY) // kept: Spring Security adds its own only where none is set
                .body(linksInNewTab(mail.htmlBody()));
    }

    @PostMapping("/clear")
    String clear(RedirectAttributes redirect) {
        mailbox.clear();
        redirect.addFlashAttribute("notice", "dev.inbox.cleared");
        return "redirect:/dev/inbox";
    }

    /** A frame's links would open inside the frame, where the app's pages refuse to be shown. */
    private static String linksInNewTab(String html) {
        Matcher head = HEAD.matcher(html);
        String base = "<base target=\"_blank\">";
        return head.find() ? html.substring(0, head.end()) + base + html.substring(head.end()) : base + html;
    }
}

package org.khanaen.volunteers;

import java.util.Locale;
import java.util.Map;

import org.khanaen.platform.mail.MailComposer;
import org.khanaen.platform.mail.MailOutbox;
import org.springframework.stereotype.Component;

/** The registry's mails, written from templates in the recipient's language and queued in the caller's transaction. */
@Component
class OutboxRegistryMail implements RegistryMail {

    private final MailComposer composer;
    private final MailOutbox outbox;

    OutboxRegistryMail(MailComposer composer, MailOutbox outbox) {
        this.composer = composer;
        this.outbox = outbox;
    }

    @Override
    public void invitation(String email, Locale locale, String organisation, String link) {
        send("coordinator-invitation", email, locale, Map.of("organisation", organisation, "link", link), link, organisation);
    }

    @Override
    public void verification(String email, Locale locale, String name, String organisation, String link) {
        send("volunteer-verification", email, locale, Map.of("name", name, "organisation", organisation, "link", link), link, organisation);
    }

    @Override
    public void joinConfirmation(String email, Locale locale, String name, String organisation, String link) {
        send("volunteer-join", email, locale, Map.of("name", name, "organisation", organisation, "link", link), link, organisation);
    }

    @Override
    public void addedByOrganisation(String email, Locale locale, String name, String organisation, String link) {
        send("volunteer-added", email, locale, Map.of("name", name, "organisation", organisation, "link", link), link, organisation);
    }

    @Override
    public void approval(String email, Locale locale, String name, String organisation) {
        send("volunteer-approved", email, locale, Map.of("name", name, "organisation", organisation), email + organisation, organisation);
    }

    /** A retried transaction queues the same mail again: the dedup key (the link's hash) makes it one. */
    private void send(String template, String email, Locale locale, Map<String, ?> variables, String unique, String subjectArgument) {
        outbox.enqueue(composer.compose(template, email, locale, variables, subjectArgument)
                .withDedupKey(template + ":" + Tokens.hash(unique)));
    }
}

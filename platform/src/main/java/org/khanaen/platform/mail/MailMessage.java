package org.khanaen.platform.mail;

import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * One mail to one person, ready to be queued with {@link MailOutbox#enqueue}. Usually made by
 * {@link MailComposer} from a template pair.
 *
 * @param recipient an e-mail address, checked here so a typo fails the caller, not the sender hours later
 * @param locale    the language it is written in (Thai or English)
 * @param subject   one line
 * @param textBody  the plain-text version, always there
 * @param htmlBody  the HTML version, or null for plain text only
 * @param category  what kind of mail (the template name: {@code verification}, {@code invitation}, ...)
 * @param dedupKey  null, or a key naming this mail so that asking for it twice sends it once
 *                  (e.g. {@code verification:42:1}); at most 190 characters
 * @param attachment null, or the one file sent with the mail (e.g. an {@code .ics} calendar entry)
 */
public record MailMessage(String recipient, Locale locale, String subject, String textBody, String htmlBody,
                          String category, String dedupKey, MailAttachment attachment) {

    public MailMessage {
        require(recipient != null && !recipient.isBlank() && recipient.length() <= 320, "recipient must be an address of at most 320 characters");
        recipient = recipient.strip();
        require(isBareAddress(recipient), "recipient must be a bare e-mail address (name@domain): " + recipient);
        require(locale != null, "locale is required");
        require(subject != null && !subject.isBlank() && subject.length() <= 500, "subject must be 1 to 500 characters");
        require(subject.indexOf('\n') < 0 && subject.indexOf('\r') < 0, "subject must be one line");
        require(textBody != null, "textBody is required");
        require(category != null && !category.isBlank() && category.length() <= 60, "category must be 1 to 60 characters");
        require(dedupKey == null || !dedupKey.isBlank() && dedupKey.length() <= 190, "dedupKey must be null or 1 to 190 characters");
    }

    /** A mail without an attachment: what every mail was before attachments existed. */
    public MailMessage(String recipient, Locale locale, String subject, String textBody, String htmlBody,
                       String category, String dedupKey) {
        this(recipient, locale, subject, textBody, htmlBody, category, dedupKey, null);
    }

    /** The same mail, sent at most once for this key. */
    public MailMessage withDedupKey(String key) {
        return new MailMessage(recipient, locale, subject, textBody, htmlBody, category, key, attachment);
    }

    /** The same mail with this file attached (null: none), replacing any attachment it had. */
    public MailMessage withAttachment(MailAttachment attachment) {
        return new MailMessage(recipient, locale, subject, textBody, htmlBody, category, dedupKey, attachment);
    }

    /** name@domain, no display name: an erasure request finds the person's mail by this exact address. */
    private static boolean isBareAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return parsed.getPersonal() == null && address.equals(parsed.getAddress()) && address.indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

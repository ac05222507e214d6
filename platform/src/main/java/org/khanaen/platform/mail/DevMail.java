package org.khanaen.platform.mail;

import java.time.Instant;

/**
 * A mail the development server received.
 *
 * @param id       stable while the mail is in the inbox, for links to it
 * @param htmlBody null for a plain-text mail
 */
public record DevMail(String id, String to, String subject, Instant sentAt, String textBody, String htmlBody) {
}

package org.khanaen.platform.mail;

import java.time.LocalDateTime;

/** A claimed mail as the sender needs it; {@code attachment} is null for a mail without one. */
record OutboxRow(long id, String recipient, String subject, String textBody, String htmlBody, String category,
                 int attempts, LocalDateTime createdAt, MailAttachment attachment) {
}

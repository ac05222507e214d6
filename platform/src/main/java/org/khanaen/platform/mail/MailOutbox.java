package org.khanaen.platform.mail;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Where every module hands over its mail. {@link #enqueue} writes the mail in the caller's transaction:
 * call it in the transaction that makes the change the mail is about, and the mail is sent exactly
 * when that change commits (a rollback takes the mail with it). Sending happens later, on any node,
 * with retries; nobody waits for an SMTP server.
 */
public class MailOutbox {

    private final OutboxRows rows;
    private final Clock clock;

    MailOutbox(OutboxRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * Queues the mail for sending. A mail whose dedup key is already in the outbox (queued or sent, until
     * sent mail is purged) is silently dropped, so a retried request cannot send the same mail twice.
     * On a Galera cluster two nodes queuing the same key at the same moment make one caller's commit
     * fail with a deadlock error, which that caller retries like any other.
     */
    public void enqueue(MailMessage mail) {
        rows.insert(mail, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** How many mails of this category (the template's name) are queued and not sent yet: progress for people. */
    public long waiting(String category) {
        return rows.pending(category);
    }

    /**
     * Deletes every mail to this address, queued, sent or failed: the outbox's part of erasing a
     * person's data (PDPA). Addresses compare without regard to case, like the database's collation.
     *
     * @return how many mails were deleted
     */
    public int forget(String recipient) {
        return rows.deleteFor(recipient);
    }
}

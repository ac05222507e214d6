package org.khanaen.platform.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code mail_outbox} table. Times are UTC {@link LocalDateTime}s: DATETIME has no time zone, and
 * this way no driver or session setting can shift them. Every write is one statement, so it either
 * joins the caller's transaction (enqueue) or commits on its own (the sender).
 */
final class OutboxRows {

    /** A mail's states: waiting (or being retried), gone, given up. */
    static final String PENDING = "PENDING";
    static final String FAILED = "FAILED";

    private final JdbcClient jdbc;

    OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** "On duplicate key, change nothing": a second mail with the same dedup key is dropped, in MySQL, MariaDB and Galera alike. */
    void insert(MailMessage mail, LocalDateTime now) {
        MailAttachment attachment = mail.attachment();
        jdbc.sql("""
                        insert into mail_outbox (dedup_key, category, recipient, locale, subject, text_body, html_body,
                                                 attachment_name, attachment_type, attachment,
                                                 status, attempts, next_attempt_at, created_at)
                        values (:dedupKey, :category, :recipient, :locale, :subject, :text, :html,
                                :attachmentName, :attachmentType, :attachment, 'PENDING', 0, :now, :now)
                        on duplicate key update id = id""")
                .param("dedupKey", mail.dedupKey())
                .param("category", mail.category())
                .param("recipient", mail.recipient())
                .param("locale", languageTag(mail.locale()))
                .param("subject", mail.subject())
                .param("text", mail.textBody())
                .param("html", mail.htmlBody())
                .param("attachmentName", attachment == null ? null : attachment.fileName())
                .param("attachmentType", attachment == null ? null : attachment.contentType())
                .param("attachment", attachment == null ? null : attachment.content())
                .param("now", now)
                .update();
    }

    /**
     * Marks up to {@code limit} due, unclaimed rows (or rows whose claim ran out: a node died) as this
     * claim's, in one atomic statement; two nodes never get the same row.
     */
    int claim(String claimId, LocalDateTime now, LocalDateTime until, int limit) {
        return jdbc.sql("""
                        update mail_outbox set claimed_by = :claimId, claimed_until = :until
                        where status = 'PENDING' and next_attempt_at <= :now and (claimed_until is null or claimed_until < :now)
                        order by id limit :limit""")
                .param("claimId", claimId)
                .param("until", until)
                .param("now", now)
                .param("limit", limit)
                .update();
    }

    List<OutboxRow> claimedBy(String claimId) {
        return jdbc.sql("""
                        select id, recipient, subject, text_body, html_body, category, attempts, created_at,
                               attachment_name, attachment_type, attachment
                        from mail_outbox where claimed_by = :claimId and status = 'PENDING' order by id""")
                .param("claimId", claimId)
                .query((rs, i) -> new OutboxRow(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("text_body"), rs.getString("html_body"), rs.getString("category"), rs.getInt("attempts"),
                        rs.getObject("created_at", LocalDateTime.class), attachment(rs)))
                .list();
    }

    /** Null when the mail has none: the three columns are written together or not at all. */
    private static MailAttachment attachment(ResultSet rs) throws SQLException {
        String name = rs.getString("attachment_name");
        return name == null ? null : new MailAttachment(name, rs.getString("attachment_type"), rs.getBytes("attachment"));
    }

    /** Read on the due index's status prefix: only queued rows are looked at, never the sent history. */
    long pending(String category) {
        return jdbc.sql("select count(*) from mail_outbox where status = 'PENDING' and category = ?").param(category).query(Long.class).single();
    }

    /** Recorded even if the claim has run out meanwhile: the mail did go, so nobody may send it again. */
    void markSent(long id, LocalDateTime now) {
        jdbc.sql("""
                        update mail_outbox set status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = null,
                                               claimed_by = null, claimed_until = null
                        where id = :id and status = 'PENDING'""")
                .param("id", id)
                .param("now", now)
                .update();
    }

    /** Only while the claim is still this sender's: a row another node has taken over is left to that node. */
    void markAttemptFailed(long id, String claimId, int attempts, String status, LocalDateTime nextAttempt, String error) {
        jdbc.sql("""
                        update mail_outbox set status = :status, attempts = :attempts, next_attempt_at = :next, last_error = :error,
                                               claimed_by = null, claimed_until = null
                        where id = :id and claimed_by = :claimId""")
                .param("status", status)
                .param("attempts", attempts)
                .param("next", nextAttempt)
                .param("error", error)
                .param("id", id)
                .param("claimId", claimId)
                .update();
    }

    /** Gives back what a claim did not get to, for the next run (of any node) to take. */
    void release(String claimId) {
        jdbc.sql("update mail_outbox set claimed_by = null, claimed_until = null where claimed_by = :claimId and status = 'PENDING'")
                .param("claimId", claimId)
                .update();
    }

    int deleteFor(String recipient) {
        return jdbc.sql("delete from mail_outbox where recipient = :recipient")
                .param("recipient", recipient.strip())
                .update();
    }

    /** In slices, so a large purge never becomes one huge replicated transaction. */
    int deleteSentBefore(LocalDateTime cutoff, int limit) {
        return jdbc.sql("delete from mail_outbox where (status = 'SENT' and sent_at < :cutoff) or (status = 'FAILED' and created_at < :cutoff) limit :limit")
                .param("cutoff", cutoff)
                .param("limit", limit)
                .update();
    }

    /** Language and region only ({@code th-TH}, {@code en}): what the column holds, whatever extensions a locale carries. */
    private static String languageTag(Locale locale) {
        return new Locale.Builder().setLanguage(locale.getLanguage()).setRegion(locale.getCountry()).build().toLanguageTag();
    }
}

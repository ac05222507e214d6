package org.khanaen.assignment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.platform.mail.MailAttachment;
import org.khanaen.platform.mail.MailComposer;
import org.khanaen.platform.mail.MailOutbox;
import org.khanaen.volunteers.VolunteerPool;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Mail about assignments: the assignment itself (place, address, map link, a calendar file, the
 * confirm / decline link) and the two reminders (the day before, the morning of election day), each
 * sent once and never to someone who asked for none. Mail goes through the transactional outbox, so
 * it is queued if and only if the change that caused it commits.
 */
@Service
public class AssignmentNotices {

    private static final String SYSTEM = "system:assignment-mail";

    private final Assignments assignments;
    private final VolunteerPool pool;
    private final PlaceDescriptions places;
    private final AssignmentLinks links;
    private final MailComposer composer;
    private final MailOutbox outbox;
    private final JdbcClient jdbc;
    private final ElectionCatalog catalog;
    private final AssignmentProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AssignmentNotices(Assignments assignments, VolunteerPool pool, PlaceDescriptions places, AssignmentLinks links, MailComposer composer,
            MailOutbox outbox, JdbcClient jdbc, ElectionCatalog catalog, AssignmentProperties properties, TransactionTemplate transaction,
            Clock clock) {
        this.assignments = assignments;
        this.pool = pool;
        this.places = places;
        this.links = links;
        this.composer = composer;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The assignment mail, with fresh links; joins the caller's transaction. */
    @Transactional
    public void assigned(AssignmentId id) {
        AssignmentView a = assignments.find(id).orElseThrow();
        String nonce = assignments.nonce(id).orElse(null);
        if (nonce == null) {
            return;
        }
        pool.contact(a.volunteer(), SYSTEM, "assignment mail " + id.value()).filter(c -> c.email() != null).ifPresent(c -> {
            var where = places.describe(a, c.locale());
            Map<String, Object> vars = variables(c, where, id);
            vars.put("link", properties.link("/assignment/respond?token=" + links.sign(id, nonce, AssignmentLinks.Purpose.RESPOND)));
            vars.put("date", places.electionDay(a.electionId()));
            byte[] ics = places.calendar(a, c.locale());
            outbox.enqueue(composer.compose("assignment", c.email(), c.locale(), vars, where.title())
                    .withAttachment(new MailAttachment("khanaen-assignment.ics", "text/calendar; charset=UTF-8; method=PUBLISH", ics))
                    .withDedupKey("assignment:" + id.value() + ":" + nonce));
        });
        assignments.notified(id);
    }

    /** Mails everyone placed by automatic runs and not told yet, 500 to a transaction; returns how many. */
    public int notifyPending(String electionId) {
        int sent = 0;
        while (true) {
            List<Long> batch = jdbc.sql("select id from assignment where election_id = ? and notified_at is null order by id limit 500")
                    .param(electionId).query(Long.class).list();
            if (batch.isEmpty()) {
                return sent;
            }
            transaction.executeWithoutResult(s -> batch.forEach(id -> assigned(new AssignmentId(id))));
            sent += batch.size();
        }
    }

    /** Assignment mails queued and not yet handed to the mail server (all elections: the outbox does not know them apart). */
    public long waitingToGo() {
        return outbox.waiting("assignment");
    }

    public int pending(String electionId) {
        return jdbc.sql("select count(*) from assignment where election_id = ? and notified_at is null").param(electionId)
                .query(Integer.class).single();
    }

    /** Every ten minutes: the day before from 09:00, on the day from 06:00, local time. */
    @Scheduled(fixedDelayString = "${khanaen.assignment.reminder-interval:PT10M}", initialDelayString = "PT1M")
    // two nodes marking the same 500 assignments through two Galera nodes would fail each other's batch at commit
    @SchedulerLock(name = "assignment.reminders", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    public void sendDueReminders() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(properties.zone()));
        for (var election : catalog.elections()) {
            LocalDate day = election.date();
            if (day == null) {
                continue;
            }
            if (now.toLocalDate().equals(day.minusDays(1)) && !now.toLocalTime().isBefore(LocalTime.of(9, 0))) {
                remind(election.id(), "eve");
            } else if (now.toLocalDate().equals(day) && !now.toLocalTime().isBefore(LocalTime.of(6, 0)) && now.toLocalTime().isBefore(LocalTime.of(17, 0))) {
                remind(election.id(), "day");
            }
        }
    }

    /** Sends one kind of reminder to everyone due; returns how many were queued. */
    int remind(String electionId, String which) {
        String column = which.equals("eve") ? "reminded_eve_at" : "reminded_day_at";
        int sent = 0;
        while (true) {
            List<Long> batch = jdbc.sql("select a.id from assignment a left join reminder_opt_out o on o.volunteer_id = a.volunteer_id"
                    + " where a.election_id = ? and a." + column + " is null and o.volunteer_id is null order by a.id limit 500")
                    .param(electionId).query(Long.class).list();
            if (batch.isEmpty()) {
                return sent;
            }
            transaction.executeWithoutResult(s -> batch.forEach(id -> reminder(new AssignmentId(id), which, column)));
            sent += batch.size();
        }
    }

    private void reminder(AssignmentId id, String which, String column) {
        // Marked first, in the same transaction as the mail: a reminder is queued once or not at all.
        if (jdbc.sql("update assignment set " + column + " = ? where id = ? and " + column + " is null")
                .params(java.sql.Timestamp.from(clock.instant()), id.value()).update() == 0) {
            return;
        }
        AssignmentView a = assignments.find(id).orElseThrow();
        pool.contact(a.volunteer(), SYSTEM, "assignment reminder " + id.value()).filter(c -> c.email() != null).ifPresent(c -> {
            var where = places.describe(a, c.locale());
            Map<String, Object> vars = variables(c, where, id);
            vars.put("confirmed", a.confirmed());
            vars.put("me", properties.link("/me/assignment"));
            outbox.enqueue(composer.compose("assignment-reminder-" + which, c.email(), c.locale(), vars, where.title())
                    .withDedupKey("assignment-reminder:" + which + ":" + id.value()));
        });
    }

    /** What every assignment mail says: to whom, where, and how to stop reminders. */
    private Map<String, Object> variables(VolunteerPool.Contact c, PlaceDescriptions.Described where, AssignmentId id) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", c.name() == null ? "" : c.name());
        vars.put("title", where.title());
        vars.put("address", where.address());
        vars.put("map", where.mapUrl());
        vars.put("stop", stopLink(id));
        return vars;
    }

    private String stopLink(AssignmentId id) {
        return properties.link("/assignment/reminders/stop?token=" + links.sign(id, AssignmentResponses.STOP_NONCE, AssignmentLinks.Purpose.STOP_REMINDERS));
    }
}

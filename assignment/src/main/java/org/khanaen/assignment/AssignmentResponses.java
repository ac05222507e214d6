package org.khanaen.assignment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.khanaen.accounts.AccountId;
import org.khanaen.volunteers.AssignmentStatus;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The volunteer's side: answering the assignment (from the mail's link or signed in), checking in on
 * election day, stopping reminders. A declined assignment is deleted, which frees the slot for the
 * next run or a coordinator, and the volunteer is not offered again by automatic runs.
 */
@Service
public class AssignmentResponses {

    /** Stop links need no single use (stopping twice is stopping); the signature still binds them to one assignment. */
    static final String STOP_NONCE = "stop-reminders-link-00";

    /** What the answer page shows. */
    public record Offer(AssignmentView assignment, String title, String address, String mapUrl, LocalDate electionDay) {
    }

    public enum Answer { CONFIRM, DECLINE }

    private final Assignments assignments;
    private final AssignmentLinks links;
    private final PlaceDescriptions places;
    private final VolunteerPool pool;
    private final JdbcClient jdbc;
    private final AssignmentProperties properties;
    private final Clock clock;

    AssignmentResponses(Assignments assignments, AssignmentLinks links, PlaceDescriptions places, VolunteerPool pool,
            JdbcClient jdbc, AssignmentProperties properties, Clock clock) {
        this.assignments = assignments;
        this.links = links;
        this.places = places;
        this.pool = pool;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The assignment a link speaks of, if the link is genuine and unused. */
    @Transactional(readOnly = true)
    public Optional<Offer> offer(String token, Locale locale) {
        return open(token).map(a -> offer(a, locale));
    }

    private Optional<AssignmentView> open(String token) {
        return links.verify(token).filter(t -> t.purpose() == AssignmentLinks.Purpose.RESPOND)
                .filter(t -> assignments.nonce(t.assignment()).map(n -> n.equals(t.nonce())).orElse(false))
                .flatMap(t -> assignments.find(t.assignment()));
    }

    private Offer offer(AssignmentView a, Locale locale) {
        var where = places.describe(a, locale);
        return new Offer(a, where.title(), where.address(), where.mapUrl(), places.electionDay(a.electionId()));
    }

    /** Answers through a mail link: works once; a forged, used or outdated link changes nothing and returns false. */
    @Transactional
    public boolean answer(String token, Answer answer, String reason) {
        var parsed = links.verify(token).filter(t -> t.purpose() == AssignmentLinks.Purpose.RESPOND);
        if (parsed.isEmpty()) {
            return false;
        }
        Optional<AssignmentView> a = assignments.lock(parsed.get().assignment());
        if (a.isEmpty() || !assignments.nonce(a.get().id()).map(n -> n.equals(parsed.get().nonce())).orElse(false)) {
            return false;
        }
        apply(a.get(), answer, "volunteer:link", reason);
        return true;
    }

    /** The signed-in volunteer's assignments (one per election). */
    @Transactional(readOnly = true)
    public List<Offer> mine(AccountId account, Locale locale) {
        return pool.ofAccount(account).map(v -> assignments.allOfVolunteer(v).stream().map(a -> offer(a, locale)).toList()).orElse(List.of());
    }

    /** Answers while signed in (the mail may be lost); only an unanswered assignment can be answered. */
    @Transactional
    public void answerMine(AccountId account, AssignmentId id, Answer answer, String reason) {
        AssignmentView a = owned(account, id);
        if (a.responded()) {
            throw new AssignmentProblem("assignment.problem.answered");
        }
        apply(a, answer, "volunteer:account", reason);
    }

    private void apply(AssignmentView a, Answer answer, String actor, String reason) {
        if (answer == Answer.CONFIRM) {
            assignments.confirm(a.id());
            assignments.history(a, "CONFIRMED", actor, null);
            pool.assignmentStatus(List.of(a.volunteer()), AssignmentStatus.CONFIRMED);
        } else {
            assignments.delete(a.id());
            assignments.declined(a.electionId(), a.volunteer());
            assignments.history(a, "DECLINED", actor, reason);
            pool.assignmentStatus(List.of(a.volunteer()), AssignmentStatus.DECLINED);
        }
    }

    /** Whether volunteers can check in now: on the election's day, from 05:00 local time. */
    public boolean checkInOpen(String electionId) {
        LocalDate day = places.electionDay(electionId);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(properties.zone()));
        return day != null && now.toLocalDate().equals(day) && !now.toLocalTime().isBefore(LocalTime.of(5, 0));
    }

    /** On election day, from 05:00 local time, at their own station or role. Checking in twice is harmless. */
    @Transactional
    public void checkIn(AccountId account, AssignmentId id) {
        AssignmentView a = owned(account, id);
        if (!checkInOpen(a.electionId())) {
            LocalDate day = places.electionDay(a.electionId());
            throw new AssignmentProblem("assignment.problem.not-election-day", day == null ? "?" : day);
        }
        if (jdbc.sql("update assignment set checked_in_at = ?, state = 'CONFIRMED', link_nonce = null, version = version + 1 where id = ? and checked_in_at is null")
                .params(Timestamp.from(clock.instant()), id.value()).update() == 1) {
            assignments.history(a, "CHECKED_IN", "volunteer:account", null);
            pool.assignmentStatus(List.of(a.volunteer()), AssignmentStatus.CONFIRMED);
        }
    }

    /** From the link in any assignment mail. */
    @Transactional
    public boolean stopReminders(String token) {
        var parsed = links.verify(token).filter(t -> t.purpose() == AssignmentLinks.Purpose.STOP_REMINDERS && t.nonce().equals(STOP_NONCE));
        Optional<VolunteerId> volunteer = parsed.flatMap(t -> assignments.find(t.assignment())).map(AssignmentView::volunteer);
        volunteer.ifPresent(this::optOut);
        return volunteer.isPresent();
    }

    @Transactional
    public void stopReminders(AccountId account) {
        pool.ofAccount(account).ifPresent(this::optOut);
    }

    /** Changed their mind: reminders again. */
    @Transactional
    public void resumeReminders(AccountId account) {
        pool.ofAccount(account).ifPresent(v -> jdbc.sql("delete from reminder_opt_out where volunteer_id = ?").param(v.value()).update());
    }

    /** The calendar file of one of the signed-in volunteer's assignments (the same as the mail's). */
    @Transactional(readOnly = true)
    public byte[] calendar(AccountId account, AssignmentId id, Locale locale) {
        VolunteerId me = pool.ofAccount(account).orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        AssignmentView a = assignments.find(id).filter(x -> x.volunteer().equals(me))
                .orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        return places.calendar(a, locale);
    }

    @Transactional(readOnly = true)
    public boolean remindersStopped(AccountId account) {
        return pool.ofAccount(account).map(v -> jdbc.sql("select count(*) from reminder_opt_out where volunteer_id = ?")
                .param(v.value()).query(Integer.class).single() > 0).orElse(false);
    }

    private void optOut(VolunteerId volunteer) {
        jdbc.sql("insert ignore into reminder_opt_out (volunteer_id, at) values (?, ?)").params(volunteer.value(), Timestamp.from(clock.instant())).update();
    }

    private AssignmentView owned(AccountId account, AssignmentId id) {
        VolunteerId me = pool.ofAccount(account).orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        return assignments.lock(id).filter(a -> a.volunteer().equals(me))
                .orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
    }
}

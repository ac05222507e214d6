package org.khanaen.benchmarks.rehearsal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.khanaen.benchmarks.rehearsal.Decisions.Kind;
import org.khanaen.benchmarks.rehearsal.PageSession.Page;

/**
 * A constituency's lead on the pages: watches the count status of their stations and confirms each single final
 * count waiting there whose numbers are true (by the ledger, as by the photo of the signed form), after looking for
 * {@code leadDecision} of the night. Conflicts, untrue counts and forms that do not add up are left to the war room.
 */
final class Lead implements Runnable {

    /** How often a lead with nothing to confirm looks again: the status page refreshes itself each minute. */
    static final Duration LOOK_AGAIN = Duration.ofSeconds(60);
    /** A count left to the war room is looked at again after this much of the night (its reporter may have resent it). */
    static final Duration LEFT_FOR = Duration.ofMinutes(10);

    private static final Pattern LINK = Pattern.compile("<a href=\"/lead/results/items/(\\d+)\"\\s+data-state=\"(\\w+)\"");

    private final Desk.Room room;
    private final Cast.Account account;
    private final Map<Long, Long> leftUntil = new HashMap<>(); // item → System.nanoTime when to look at it again
    /** The count the app led to after a confirmation (the next waiting for the lead); null: none. */
    private Long next;
    private static final Pattern NEXT = Pattern.compile("/lead/results/items/(\\d+)$");

    Lead(Desk.Room room, Cast.Account account) {
        this.room = room;
        this.account = account;
    }

    @Override
    public void run() {
        try (PageSession session = new PageSession(room.base(), room.calls())) {
            if (!room.signIn(session, account)) {
                return;
            }
            Page status = session.get("/lead/results", "GET /lead/results");
            while (room.working()) {
                if (next != null) {
                    long item = next;
                    next = null;
                    if (leftUntil.getOrDefault(item, 0L) < System.nanoTime()) {
                        Page landed = look(session, item);
                        status = landed != null ? landed : next != null ? status : session.get("/lead/results", "GET /lead/results");
                    } else {
                        // a count the lead left to the war room a moment ago: the browser shows it, the lead goes back to the list
                        session.get("/lead/results/items/" + item, "GET /lead/results/items/{id}");
                        status = session.get("/lead/results", "GET /lead/results");
                    }
                    continue;
                }
                List<Long> waiting = waiting(status);
                if (waiting.isEmpty()) {
                    room.pause(room.clock().wall(LOOK_AGAIN));
                    status = session.get("/lead/results", "GET /lead/results");
                    continue;
                }
                Page landed = look(session, waiting.getFirst());
                // after a confirmation the browser lands on the next count, or on the status page again; otherwise the
                // lead goes back to it
                status = landed != null ? landed : next != null ? status : session.get("/lead/results", "GET /lead/results");
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            room.calls().problem("lead " + account.email() + " stopped: " + e);
        }
    }

    /** The items of single final counts on the status page, bar those left to the war room a short while ago. */
    private List<Long> waiting(Page status) {
        if (status.status() != 200) {
            return List.of();
        }
        List<Long> items = new ArrayList<>();
        long now = System.nanoTime();
        for (Matcher m = LINK.matcher(status.body()); m.find();) {
            long item = Long.parseLong(m.group(1));
            if ("FINAL".equals(m.group(2)) && leftUntil.getOrDefault(item, 0L) < now) {
                items.add(item);
            }
        }
        return items;
    }

    /**
     * Looks at one waiting count and confirms it if true; the status page landed on after confirming, else null (and
     * {@link #next} set when the app led on to another count).
     */
    private Page look(PageSession session, long id) throws IOException, InterruptedException {
        session.mark();
        leftUntil.put(id, System.nanoTime() + room.clock().wall(LOOK_AGAIN).toNanos()); // not again at once, whatever comes of it
        String itemPath = "/lead/results/items/" + id;
        String body = session.get(itemPath, "GET /lead/results/items/{id}").body();
        ItemPage item = ItemPage.read(body);
        long until = System.nanoTime() + Verifier.LEDGER_PATIENCE.toNanos();
        while (item != null && !item.known(room.ledger()) && System.nanoTime() < until) {
            Thread.sleep(200); // the sender records a report a moment after the app has stored it
            body = session.get(itemPath, "GET /lead/results/items/{id}").body();
            item = ItemPage.read(body);
        }
        if (item == null || item.choices().isEmpty()) {
            return null; // decided meanwhile (the status page may be older than the item)
        }
        for (String photo : item.photos()) {
            session.photo(photo, "GET /lead/results/photos/{id}");
        }
        Ledger.Truth truth = room.ledger().truthOf(item.key());
        ItemPage read = item;
        var confirm = item.choices().stream().filter(c -> !c.asWritten()).filter(c -> room.ledger().truthful(read.key(), c.report())).findFirst();
        long looked = room.pace(room.options().leadDecision());
        if (truth == null || truth.asWritten() || confirm.isEmpty()) {
            leftUntil.put(id, System.nanoTime() + room.clock().wall(LEFT_FOR).toNanos());
            if (body.contains(itemPath + "/leave\"")) { // the app took it for the lead: given back to the war room at once
                Page left = session.post(itemPath + "/leave", Map.of(), "POST /lead/results/items/{id}/leave");
                return left.redirect() ? session.follow(left, "GET /lead/results") : null;
            }
            return null; // not true, or not for a lead: the war room decides
        }
        Page answer = session.post(itemPath + "/confirm", Map.of("report", String.valueOf(confirm.get().report())),
                "POST /lead/results/items/{id}/confirm");
        Kind kind;
        Page landed = null;
        Matcher onTo = answer.redirect() ? NEXT.matcher(answer.location()) : null;
        if (answer.redirect() && answer.location().endsWith("/lead/results")) {
            kind = Kind.LEAD_CONFIRMED;
            landed = session.follow(answer, "GET /lead/results");
        } else if (onTo != null && onTo.find() && Long.parseLong(onTo.group(1)) != id) {
            kind = Kind.LEAD_CONFIRMED; // and on to the next count waiting for the lead (followed at the next turn)
            next = Long.parseLong(onTo.group(1));
        } else if (answer.redirect()) {
            ItemPage now = ItemPage.read(session.follow(answer, "GET /lead/results/items/{id}").body());
            kind = now != null && now.choices().isEmpty() ? Kind.TAKEN : null;
            if (kind == null) {
                room.calls().problem(itemPath + " confirm refused");
            }
        } else {
            kind = null;
            room.calls().problem(itemPath + " confirm answered " + answer.status());
        }
        room.decided(kind, session, looked);
        return landed;
    }
}

package org.khanaen.benchmarks.rehearsal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.khanaen.benchmarks.rehearsal.Decisions.Kind;
import org.khanaen.benchmarks.rehearsal.PageSession.Page;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A war-room verifier on the pages: takes the next item, reads it and its photos, and after looking for
 * {@code decision} of the night decides by the ledger as a person does by the photos: approves the report whose
 * numbers are true, accepts a form as written where the signed form itself does not add up, rejects a wrong count
 * that came after the true one was verified, and otherwise enters the true numbers as a correction. With nothing
 * waiting, looks again a little later.
 */
final class Verifier implements Runnable {

    /** How often an idle verifier looks at the queue again (of the night). */
    static final Duration LOOK_AGAIN = Duration.ofSeconds(10);
    /** How long a verifier waits for the ledger to hear of a report the page lists, before deciding without it (wall). */
    static final Duration LEDGER_PATIENCE = Duration.ofSeconds(10);

    private static final Pattern ITEM = Pattern.compile("/war-room/items/(\\d+)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Desk.Room room;
    private final Cast.Account account;
    /** The redirect after a decision to the next item, which the app took for this verifier; null: none. */
    private Page taken;

    Verifier(Desk.Room room, Cast.Account account) {
        this.room = room;
        this.account = account;
    }

    @Override
    public void run() {
        try (PageSession session = new PageSession(room.base(), room.calls())) {
            if (!room.signIn(session, account)) {
                return;
            }
            while (room.working()) {
                session.mark();
                if (taken != null) { // the app took the next item after the last decision: straight to it
                    Page following = taken;
                    taken = null;
                    Matcher item = ITEM.matcher(following.location());
                    if (item.find()) {
                        decide(session, Long.parseLong(item.group(1)), session.follow(following, "GET /war-room/items/{id}"));
                        continue;
                    }
                }
                Page next = session.post("/war-room/next", Map.of(), "POST /war-room/next");
                Matcher item = next.redirect() ? ITEM.matcher(next.location()) : null;
                if (item == null || !item.find()) {
                    // nothing waits (back at the queue); or refused (a lost session's CSRF token): the queue page, signed in again
                    if (next.redirect() && next.location().endsWith("/war-room")) {
                        session.follow(next, "GET /war-room");
                    } else {
                        session.get("/war-room", "GET /war-room");
                    }
                    room.pause(room.clock().wall(LOOK_AGAIN));
                    continue;
                }
                decide(session, Long.parseLong(item.group(1)), session.follow(next, "GET /war-room/items/{id}"));
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            room.calls().problem("verifier " + account.email() + " stopped: " + e);
        }
    }

    private void decide(PageSession session, long id, Page page) throws IOException, InterruptedException {
        String itemPath = "/war-room/items/" + id;
        ItemPage item = ItemPage.read(page.body());
        long until = System.nanoTime() + LEDGER_PATIENCE.toNanos();
        while (item != null && !item.known(room.ledger()) && System.nanoTime() < until) {
            Thread.sleep(200); // the sender records a report a moment after the app has queued it
            item = ItemPage.read(session.get(itemPath, "GET /war-room/items/{id}").body());
        }
        if (item != null && !item.decidable()) {
            // a lead confirmed it between "next" and its page (the upper North's night saw 3 in 12,354): nothing to decide
            room.decided(Kind.TAKEN, session, 0);
            return;
        }
        if (item == null) {
            room.calls().problem(itemPath + ": taken by next but its page unreadable (status " + page.status() + ")");
            return;
        }
        Ledger.Truth truth = room.ledger().truthOf(item.key());
        if (truth == null) {
            room.calls().problem(itemPath + ": the ledger has no true count for " + item.key());
            session.post(itemPath + "/release", Map.of(), "POST /war-room/items/{id}/release");
            return;
        }
        for (String photo : item.photos()) { // the photos are what a verifier looks at
            session.photo(photo, "GET /war-room/photos/{id}");
        }
        long looked = room.pace(room.options().verifierDecision());
        Kind kind = post(session, itemPath, item, truth);
        room.decided(kind, session, looked);
    }

    /** Posts the decision a person comparing the numbers with the photos would make; what it came to. */
    private Kind post(PageSession session, String itemPath, ItemPage item, Ledger.Truth truth) throws IOException, InterruptedException {
        Ledger ledger = room.ledger();
        List<ItemPage.Choice> truthful = item.choices().stream().filter(c -> ledger.truthful(item.key(), c.report())).toList();
        if (truth.asWritten()) {
            var written = truthful.stream().filter(ItemPage.Choice::asWritten).findFirst();
            return written.isPresent() ? approve(session, itemPath, written.get().report(), Kind.AS_WRITTEN)
                    : correct(session, itemPath, item, truth, true);
        }
        boolean verifiedBefore = truthful.stream().anyMatch(c -> "VERIFIED".equals(item.reports().get(c.report())));
        List<Long> wrongOpen = item.reports().entrySet().stream()
                .filter(r -> "RECEIVED".equals(r.getValue()) && !ledger.truthful(item.key(), r.getKey())
                        && item.choices().stream().anyMatch(c -> c.report() == r.getKey()))
                .map(Map.Entry::getKey).toList();
        if (verifiedBefore && !wrongOpen.isEmpty()) { // the true count stands; a later wrong one reopened it
            Kind kind = Kind.REJECTED;
            for (long report : wrongOpen) {
                Page answer = session.follow(session.post(itemPath + "/reject", Map.of("report", String.valueOf(report),
                        "reason", "ตัวเลขไม่ตรงกับรูปถ่ายแบบที่ลงนาม"), "POST /war-room/items/{id}/reject"), "GET /war-room/items/{id}");
                if (answer.refused()) {
                    kind = taken(answer, itemPath, "reject");
                }
            }
            return kind;
        }
        if (!truthful.isEmpty()) {
            return approve(session, itemPath, truthful.getFirst().report(), Kind.APPROVED);
        }
        return correct(session, itemPath, item, truth, false);
    }

    private Kind approve(PageSession session, String itemPath, long report, Kind kind) throws IOException, InterruptedException {
        Page answer = session.post(itemPath + "/approve", Map.of("report", String.valueOf(report),
                "reason", "ตัวเลขตรงกับรูปถ่ายแบบที่ลงนาม"), "POST /war-room/items/{id}/approve");
        return outcome(session, answer, itemPath, kind, "approve");
    }

    /** The true numbers typed into the correction form, as read from the photos of the signed form. */
    private Kind correct(PageSession session, String itemPath, ItemPage item, Ledger.Truth truth, boolean asWritten)
            throws IOException, InterruptedException {
        JsonNode count = JSON.readTree(truth.json());
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : item.correctFields()) {
            JsonNode value = field.startsWith("vote_") ? count.path("votes").path(field.substring(5)) : count.path(field);
            // a ballot number the count does not name had no votes; a figure of the form it does not give stays blank
            form.put(field, value.isNumber() ? value.asString() : field.startsWith("vote_") ? "0" : "");
        }
        if (asWritten) {
            form.put("asWritten", "true");
        }
        form.put("reason", asWritten ? "แบบที่ลงนามเขียนไว้เช่นนี้ ผลรวมไม่ตรงกันตั้งแต่ในแบบ" : "แก้ตามรูปถ่ายแบบที่ลงนาม");
        Page answer = session.post(itemPath + "/correct", form, "POST /war-room/items/{id}/correct");
        return outcome(session, answer, itemPath, asWritten ? Kind.AS_WRITTEN : Kind.CORRECTED, "correct");
    }

    /**
     * Done: on to the next item, which the app took for the verifier (followed at the next turn, as the browser does),
     * or back at the queue when nothing waits. Refused: back at the item, which someone else decided meanwhile (or a
     * problem).
     */
    private Kind outcome(PageSession session, Page answer, String itemPath, Kind kind, String action) throws IOException, InterruptedException {
        if (answer.redirect() && answer.location().endsWith("/war-room")) {
            session.follow(answer, "GET /war-room");
            return kind;
        }
        if (answer.redirect() && ITEM.matcher(answer.location()).find() && !answer.location().endsWith(itemPath)) {
            taken = answer;
            return kind;
        }
        if (!answer.redirect()) {
            room.calls().problem(itemPath + " " + action + " answered " + answer.status());
            return null;
        }
        return taken(session.follow(answer, "GET /war-room/items/{id}"), itemPath, action);
    }

    /** A refusal is the expected one when the item has left the verifier's hands (decided by a lead meanwhile). */
    private Kind taken(Page item, String itemPath, String action) {
        ItemPage now = ItemPage.read(item.body());
        if (now != null && !now.decidable()) {
            return Kind.TAKEN;
        }
        Matcher said = Pattern.compile("class=\"error\" role=\"alert\">([^<]*)<").matcher(item.body());
        room.calls().problem(itemPath + " " + action + " refused: " + (said.find() ? said.group(1) : "?"));
        return null;
    }
}

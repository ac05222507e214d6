package org.khanaen.web.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.results.checks.Tally;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A count report as a partner app or the phone page's script sends it (JSON). Numbers are objects so that a
 * missing one is told apart from a 0.
 *
 * @param electionId     optional: the election volunteers are recruited for when absent
 * @param stationId      the page's only (the API has it in the path)
 * @param votes          votes per ballot number, the numbers as JSON keys: {"1": 120, "2": 95}
 * @param idempotencyKey or the {@code Idempotency-Key} header; the same for every retry of one report
 * @param photoIds       photos uploaded before ({@code POST /api/v1/photos})
 * @param votersCame     the count form's voters who came (ผู้มาแสดงตน); with {@code ballotsReceived} and
 *                       {@code ballotsLeft} optional (older apps send none), checked by the form's rules when given
 * @param asWritten      the signed form itself reads so where its own sums do not add up: kept for the war room,
 *                       which may accept it as written, instead of refused
 * @param photosLater    the reporter chose, warned, to send a final count without its three photos now (the phone's page
 *                       refuses such a count otherwise, {@link PhotoRule}); partner apps' calls are not held to it
 */
public record ReportRequest(String electionId, Long stationId, String contest, @JsonProperty("final") Boolean isFinal,
        Map<String, Long> votes, Long valid, Long invalid, Long noVote, Long ballotsUsed, String idempotencyKey,
        Boolean warningsConfirmed, List<Long> photoIds, Long votersCame, Long ballotsReceived, Long ballotsLeft, Boolean asWritten,
        Boolean photosLater) {

    public ReportRequest(String electionId, Long stationId, String contest, Boolean isFinal, Map<String, Long> votes, Long valid,
            Long invalid, Long noVote, Long ballotsUsed, String idempotencyKey, Boolean warningsConfirmed, List<Long> photoIds) {
        this(electionId, stationId, contest, isFinal, votes, valid, invalid, noVote, ballotsUsed, idempotencyKey, warningsConfirmed,
                photoIds, null, null, null, null, null);
    }

    public boolean withoutPhotosChosen() {
        return Boolean.TRUE.equals(photosLater);
    }

    /** What is wrong with the request itself (before any check of the count), by message key of i18n/report-page. */
    public static class Malformed extends RuntimeException {

        private final List<String> keys;

        public Malformed(List<String> keys) {
            super(String.join(", ", keys));
            this.keys = List.copyOf(keys);
        }

        public List<String> keys() {
            return keys;
        }
    }

    public ReportRequest withKey(String key) {
        return new ReportRequest(electionId, stationId, contest, isFinal, votes, valid, invalid, noVote, ballotsUsed, key,
                warningsConfirmed, photoIds, votersCame, ballotsReceived, ballotsLeft, asWritten, photosLater);
    }

    public boolean writtenSo() {
        return Boolean.TRUE.equals(asWritten);
    }

    public boolean confirmed() {
        return Boolean.TRUE.equals(warningsConfirmed);
    }

    public List<Long> photos() {
        return photoIds == null ? List.of() : photoIds.stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The numbers as a tally, or every field that is missing or not a ballot number.
     *
     * @throws Malformed listing all of them at once, so one answer says everything to fix
     */
    public Tally tally() {
        List<String> wrong = new ArrayList<>();
        if (contest == null || contest.isBlank()) {
            wrong.add("report-page.malformed.contest");
        }
        if (isFinal == null) {
            wrong.add("report-page.malformed.final");
        }
        required(valid, "valid", wrong);
        required(invalid, "invalid", wrong);
        required(noVote, "no-vote", wrong);
        required(ballotsUsed, "ballots-used", wrong);
        Map<Integer, Long> byNumber = new TreeMap<>();
        if (votes != null) {
            votes.forEach((number, count) -> {
                try {
                    int n = Integer.parseInt(number.strip());
                    if (n < 0 || count == null) {
                        throw new NumberFormatException(number);
                    }
                    byNumber.put(n, count);
                } catch (NumberFormatException e) {
                    if (!wrong.contains("report-page.malformed.votes")) {
                        wrong.add("report-page.malformed.votes");
                    }
                }
            });
        }
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9_-]{8,80}")) {
            wrong.add("report.problem.key");
        }
        if (!wrong.isEmpty()) {
            throw new Malformed(wrong);
        }
        return new Tally(byNumber, valid, invalid, noVote, ballotsUsed, isFinal, new Tally.CountForm(votersCame, ballotsReceived, ballotsLeft));
    }

    private static void required(Long value, String field, List<String> wrong) {
        if (value == null) {
            wrong.add("report-page.malformed." + field);
        }
    }
}

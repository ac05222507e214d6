package org.khanaen.web.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

import org.khanaen.results.WarRoom;
import org.khanaen.results.checks.Tally;

/**
 * An item's reports side by side, one row per ballot number and total, so a verifier sees at a glance where
 * they differ (a row is marked when its open final counts do not all say the same).
 */
record Comparison(List<WarRoom.ReportLine> reports, List<Line> lines, boolean hasVerified) {

    /** The count form's figures a report may leave out. */
    private static final java.util.Set<String> FORM_FIELDS = java.util.Set.of("votersCame", "ballotsReceived", "ballotsLeft");

    /**
     * @param key       a message key for the totals, null for a ballot number (then {@code label} names it)
     * @param field     the correction form's field for a total
     * @param suggested what the correction form starts from: the verified value, else the first final report's
     * @param optional  a figure of the count form that a report may leave out (null where it did)
     */
    record Line(String key, String field, Integer number, String label, List<Long> values, Long verified, Long suggested,
            boolean differs, boolean optional) {
    }

    static Comparison of(WarRoom.Item item, Map<Integer, String> labels) {
        List<WarRoom.ReportLine> reports = item.reports();
        TreeSet<Integer> numbers = new TreeSet<>(labels.keySet());
        reports.forEach(r -> numbers.addAll(r.tally().votes().keySet()));
        List<Line> lines = new ArrayList<>();
        for (int n : numbers) {
            lines.add(line(null, null, n, labels.getOrDefault(n, ""), reports, item.verified(), t -> t.votes().getOrDefault(n, 0L)));
        }
        lines.add(line("results.valid", "valid", null, null, reports, item.verified(), Tally::valid));
        lines.add(line("results.invalid", "invalid", null, null, reports, item.verified(), Tally::invalid));
        lines.add(line("results.no-vote", "noVote", null, null, reports, item.verified(), Tally::noVote));
        lines.add(line("results.ballots-used", "ballotsUsed", null, null, reports, item.verified(), Tally::ballotsUsed));
        lines.add(line("results.voters-came", "votersCame", null, null, reports, item.verified(), t -> t.form().votersCame()));
        lines.add(line("results.ballots-received", "ballotsReceived", null, null, reports, item.verified(), t -> t.form().ballotsReceived()));
        lines.add(line("results.ballots-left", "ballotsLeft", null, null, reports, item.verified(), t -> t.form().ballotsLeft()));
        return new Comparison(reports, lines, item.verified() != null);
    }

    /** A report's place among the item's reports (1 for the first), 0 when it is not one of them. */
    public int number(Long reportId) {
        for (int i = 0; i < reports.size(); i++) {
            if (reportId != null && reports.get(i).id() == reportId) {
                return i + 1;
            }
        }
        return 0;
    }

    /** A final count that still stands for itself: not rejected, nor corrected by its own sender's later one. */
    private static boolean counts(WarRoom.ReportLine r) {
        return r.isFinal() && !"REJECTED".equals(r.status()) && !"CORRECTED".equals(r.status());
    }

    private static Line line(String key, String field, Integer number, String label, List<WarRoom.ReportLine> reports, Tally verified,
            Function<Tally, Long> value) {
        List<Long> values = reports.stream().map(r -> value.apply(r.tally())).toList();
        long distinct = reports.stream().filter(Comparison::counts).map(r -> value.apply(r.tally()))
                .distinct().count();
        Long v = verified == null ? null : value.apply(verified);
        boolean differsFromVerified = v != null && reports.stream()
                .anyMatch(r -> r.isFinal() && "RECEIVED".equals(r.status()) && !Objects.equals(value.apply(r.tally()), v));
        boolean optional = field != null && FORM_FIELDS.contains(field);
        Long suggested = v != null ? v : reports.stream().filter(Comparison::counts)
                .map(r -> value.apply(r.tally())).filter(Objects::nonNull).findFirst().orElse(optional ? null : 0L);
        return new Line(key, field, number, label, values, v, suggested, distinct > 1 || differsFromVerified, optional);
    }
}

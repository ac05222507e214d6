package org.khanaen.web.live;

import java.util.ArrayList;
import java.util.List;

import org.khanaen.results.QuickCounts;

/**
 * The quick count as the results page shows it: before the reveal the commitment only; after it the estimates, as rows
 * of a chart (a bar to the estimate, a whisker over the 95 % interval, all on one scale) with their numbers.
 *
 * @param estimate null before the reveal or while no sample station is verified
 * @param others   parties left out of the chart: below 1 % with no seat in their range
 */
record QuickCountPanel(QuickCounts.PublicSample sample, QuickCounts.QuickCount estimate, List<Row> rows, int others, double scale, Percent turnout,
        Percent invalid, Percent noVote, double reportedPercent, double missingPercent) {

    /** Chart width of a row, in the row's own SVG units. */
    static final double WIDTH = 200;
    /** A party is charted from this share, or when its 95 % seat range reaches a seat. */
    static final double CHARTED = 0.01;

    /** A share in percent; {@code low} and {@code high} null while there is no interval yet. */
    record Percent(double estimate, Double low, Double high) {

        static Percent of(QuickCounts.Interval i) {
            boolean bounded = !Double.isNaN(i.low()) && !Double.isNaN(i.high());
            return new Percent(100 * i.estimate(), bounded ? 100 * i.low() : null, bounded ? 100 * i.high() : null);
        }
    }

    /** A charted party: its share, where its bar ends and its whisker runs (null: no interval yet), its seat range. */
    record Row(QuickCounts.PartyEstimate party, String colour, Percent share, double bar, Double whiskerFrom, Double whiskerTo) {
    }

    static QuickCountPanel of(QuickCounts.PublicSample sample, QuickCounts.QuickCount estimate) {
        if (sample == null) {
            return null;
        }
        if (!sample.revealed() || estimate == null || estimate.reported() == 0) {
            return new QuickCountPanel(sample, null, List.of(), 0, 0, null, null, null, 0, 0);
        }
        List<QuickCounts.PartyEstimate> charted = estimate.parties().stream()
                .filter(p -> p.share().estimate() >= CHARTED || p.seats().high() > 0).toList();
        double top = 0;
        for (QuickCounts.PartyEstimate p : charted) {
            top = Math.max(top, Double.isNaN(p.share().high()) ? p.share().estimate() : p.share().high());
        }
        double scale = Math.max(0.05, Math.ceil(top * 20) / 20); // the next 5 points up
        List<Row> rows = new ArrayList<>();
        for (QuickCounts.PartyEstimate p : charted) {
            Percent share = Percent.of(p.share());
            rows.add(new Row(p, DashboardController.ProvinceMap.colour(p.colour()), share, WIDTH * p.share().estimate() / scale,
                    share.low() == null ? null : WIDTH * share.low() / 100 / scale, share.high() == null ? null : WIDTH * share.high() / 100 / scale));
        }
        return new QuickCountPanel(sample, estimate, rows, estimate.parties().size() - charted.size(), 100 * scale,
                Percent.of(estimate.turnout()), Percent.of(estimate.invalid()), Percent.of(estimate.noVote()), 100 * estimate.shareReported(),
                100 * estimate.missingWeight());
    }
}

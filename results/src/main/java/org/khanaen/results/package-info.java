/**
 * Results: station count reports with photos, their checks, war-room verification, live aggregation and the media
 * feed. Its face, one screen: {@link org.khanaen.results.ReportIntake} (who may report, taking a report, where it
 * stands, volunteers' API tokens) with {@link org.khanaen.results.Photos}; the live read side,
 * {@link org.khanaen.results.LiveResults} and {@link org.khanaen.results.QuickCounts};
 * {@link org.khanaen.results.WarRoom} (verification and the constituency leads' work);
 * {@link org.khanaen.results.OfficialResults}; {@link org.khanaen.results.MediaOutlets}; the event
 * {@link org.khanaen.results.StationContestsVerified} (each a {@link org.khanaen.results.StationContestVerified}); and the values they share. The named interface {@code checks} is
 * the report's numbers and what breaks them ({@code Tally}, {@code Findings}); everything else is package-private or
 * internal: the rest of {@code checks} (the checks themselves, an election's rules) and {@code quickcount} (the sample
 * and the estimator).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Results", allowedDependencies = { "elections", "assignment", "volunteers", "platform" })
package org.khanaen.results;

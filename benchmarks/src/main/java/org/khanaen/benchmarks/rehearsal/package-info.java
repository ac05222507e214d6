/**
 * {@code ./khanaen rehearse}: a whole election night on one machine, messy as a real one (issue 23). {@link Rehearsal}
 * runs the phases: {@link SetUp} (the 2023 election, 100,000 volunteers of 50 organisations, the automatic assignment,
 * mails, check-ins, backups moved into place) gives the {@link Cast}; the night's {@link NightPlan} (running tallies,
 * finals, resends, disagreeing counts, wrong sums, photos) is sent on a compressed {@link NightClock} while the scripted
 * {@link Desk} (war room and leads) works the queue and the {@link Audience} (stream readers, page readers, newsrooms
 * polling with ETags) watches; afterwards everything is counted against the file and the report goes to BENCHMARKS.md.
 * Every component records what it measured as {@link Figures}.
 */
package org.khanaen.benchmarks.rehearsal;

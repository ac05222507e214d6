/**
 * Assignment: who stands where on election day. Tier 1 station slots (a primary and a backup per
 * station), tier 2 constituency leads, tier 3 war-room seats in shifts; automatic runs (OR-Tools
 * min-cost flow), manual placing, the volunteer's answer and check-in, reminders, coverage.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assignment",
        allowedDependencies = { "elections", "volunteers", "accounts", "platform" })
package org.khanaen.assignment;

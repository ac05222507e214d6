/**
 * Results: station count reports with photos, their checks, war-room verification, live aggregation and
 * the media feed. Built by the election-night issues.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Results", allowedDependencies = { "elections", "assignment", "accounts", "volunteers", "platform" })
package org.khanaen.results;

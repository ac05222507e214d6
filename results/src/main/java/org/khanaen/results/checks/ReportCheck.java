package org.khanaen.results.checks;

import java.util.List;

/** One rule about a reported count; returns what breaks it (nothing when it holds). */
@FunctionalInterface
public interface ReportCheck {

    List<Finding> check(Tally tally, CheckContext context);
}

package org.khanaen.results.checks;

import java.util.List;
import org.khanaen.results.checks.Findings.Finding;

/** One rule about a reported count; returns what breaks it (nothing when it holds). */
@FunctionalInterface
interface ReportCheck {

    List<Finding> check(Tally tally, CheckContext context);
}

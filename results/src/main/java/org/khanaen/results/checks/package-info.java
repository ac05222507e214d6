/**
 * The count checks as plain rules, and the report's numbers ({@link org.khanaen.results.checks.Tally}) and
 * findings: part of the results module's API, because pages and the API build tallies and show findings.
 */
@org.springframework.modulith.NamedInterface("checks")
package org.khanaen.results.checks;

/**
 * The count checks as plain rules ({@link org.khanaen.results.checks.Checks}, one per line of the brief), with what they
 * are given ({@link org.khanaen.results.checks.CheckContext}) and an election's rules for checking and verifying
 * ({@link org.khanaen.results.checks.ElectionRules}). Of it, only the report's numbers
 * ({@link org.khanaen.results.checks.Tally}) and what breaks them ({@link org.khanaen.results.checks.Findings}) are part
 * of the results module's API, as the named interface {@code checks} declared on those two types: pages and the API
 * build tallies and show findings. The rest is the module's own (the replay in benchmarks, which is no module, runs
 * the checks on its split as the intake does).
 */
package org.khanaen.results.checks;

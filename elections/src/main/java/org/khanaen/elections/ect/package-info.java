/**
 * The election commission's (ECT) file formats, in one place: its reference bundle read for an import
 * ({@link org.khanaen.elections.ect.EctBundleReader}), its results and party files read as published
 * ({@link org.khanaen.elections.ect.EctResults}, {@link org.khanaen.elections.ect.EctPartyFile}), and the same files
 * written for the ECT-compatible feed from an election's reference data and verified counts
 * ({@link org.khanaen.elections.ect.EctFiles}: layouts, field order and the commission's conventions). Part of the
 * elections module's API: the feed's and the official results' controllers in web and the replay in benchmarks use
 * it; the counts it writes come in its own records, so it needs no module above elections.
 */
@org.springframework.modulith.NamedInterface("ect")
package org.khanaen.elections.ect;

/**
 * The results in the election commission's own file formats (its 2023 ECT Report: {@code refs/} and {@code records/}
 * files), so that newsrooms' pipelines built on those files switch to Khanaen by changing one base URL.
 */
package org.khanaen.web.ectfeed;

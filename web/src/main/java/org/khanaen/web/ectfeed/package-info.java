/**
 * The results in the election commission's own file formats (its 2023 ECT Report: {@code refs/} and {@code records/}
 * files), so that newsrooms' pipelines built on those files switch to Khanaen by changing one base URL. The files'
 * shapes and the commission's conventions are the elections module's ({@code org.khanaen.elections.ect}); here the
 * HTTP answers, the caching and the verified results read for them.
 */
package org.khanaen.web.ectfeed;

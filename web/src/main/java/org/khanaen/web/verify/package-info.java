/**
 * The public record's pages (issue 21; its API is web.api.VerificationApi): a station's numbers checked against the anchored record, in the
 * browser and by the API, and the election's open-data zip. docs/public-record.md.
 */
package org.khanaen.web.verify;

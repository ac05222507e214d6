/**
 * Sending station count reports: the volunteer's phone page (works without JavaScript; with it, keeps
 * drafts and retries) and what the partner-app API shares with it (who may report where, findings in words).
 */
package org.khanaen.web.report;

/**
 * Volunteer registry: partner organisations, their sign-up pages and rosters, volunteers' consent and
 * personal data (PDPA). Built by the volunteer registry issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Volunteer registry", allowedDependencies = {"elections", "accounts"})
package org.khanaen.volunteers;

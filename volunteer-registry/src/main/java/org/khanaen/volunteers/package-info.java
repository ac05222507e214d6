/**
 * Volunteer registry: partner organisations, their sign-up pages and rosters, volunteers' consent and
 * personal data (PDPA). One person is one volunteer, with an affiliation to each organisation they
 * joined; an organisation sees only its own affiliations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Volunteer registry",
        allowedDependencies = { "elections", "accounts", "platform" })
package org.khanaen.volunteers;

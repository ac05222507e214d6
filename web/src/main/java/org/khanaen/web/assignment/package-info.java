/**
 * Pages for automatic assignment and coverage: administrators for a whole election, partner coordinators
 * for their own organisation. The rules live in the assignment module; these controllers only translate.
 */
package org.khanaen.web.assignment;

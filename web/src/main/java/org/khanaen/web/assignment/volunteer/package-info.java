/**
 * Pages for the people who were placed: answering the assignment mail's link, their own assignment
 * (answer, check in, reminders) and the constituency lead's dashboard for election day.
 */
package org.khanaen.web.assignment.volunteer;

/** Election-night pages: the war room's verification queue and the constituency lead's count status. */
package org.khanaen.web.results;

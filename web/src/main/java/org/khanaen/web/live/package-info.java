/**
 * Live results for the public (dashboard pages and their event stream) and for media outlets (the keyed
 * results API: JSON, the all-stations CSV and a server-sent event stream), all read from {@code LiveResults}.
 */
package org.khanaen.web.live;

/**
 * Election-night replay and official results: reading a results file in the election commission's format,
 * splitting each constituency's totals over its stations, and sending them as the volunteers would.
 */
package org.khanaen.web.replay;

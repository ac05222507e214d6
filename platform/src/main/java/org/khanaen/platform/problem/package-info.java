/** What every module refuses with: a keyed problem that web turns into words. */
package org.khanaen.platform.problem;

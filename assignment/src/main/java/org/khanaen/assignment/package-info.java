/**
 * Assignment: tier 1 station slots, tier 2 constituency leads, tier 3 war-room seats; who stands where on
 * election day. Built by the assignment issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assignment", allowedDependencies = {"elections", "volunteers", "accounts"})
package org.khanaen.assignment;

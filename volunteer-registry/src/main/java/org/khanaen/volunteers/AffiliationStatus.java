package org.khanaen.volunteers;

/** Where a volunteer stands with one organisation. */
public enum AffiliationStatus {
    PENDING, APPROVED, REJECTED, DEACTIVATED, WITHDRAWN
}

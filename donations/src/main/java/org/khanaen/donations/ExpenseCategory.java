package org.khanaen.donations;

/** What money was spent on; the ledger shows it in Thai or English (i18n key {@code ledger.category.<NAME>}). */
public enum ExpenseCategory {
    SERVERS, COMMUNICATION, TRAVEL, EQUIPMENT, VOLUNTEER_SUPPORT, PRINTING, FEES, OTHER
}

package org.khanaen.elections;

/**
 * @param code         the party's id in the source, e.g. the ECT's party id "726"
 * @param ballotNumber its party-list number, or null when it has none
 * @param logoUrl      where the source publishes its logo, if it says
 */
public record PartyView(long id, String code, Integer ballotNumber, LocalizedName name, String abbreviation,
        String colour, String logoUrl) {
}

package org.khanaen.donations;

import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Donations started the way a donor starts them, and what the tests count about them. */
@Component
class GiftFixture {

    private final Donations donations;
    private final DonationRecords records;
    private final JdbcClient jdbc;

    GiftFixture(Donations donations, DonationRecords records, JdbcClient jdbc) {
        this.donations = donations;
        this.records = records;
        this.jdbc = jdbc;
    }

    /** A donation of {@code baht}, pending with its (local) checkout session. */
    DonationRecords.Row start(long baht, String email) {
        Donations.Checkout checkout = donations.start(new DonationRequest(String.valueOf(baht), email, "สมชาย ใจดี", null, false, Locale.forLanguageTag("th-TH")));
        return records.byToken(checkout.donationToken()).orElseThrow();
    }

    DonationRecords.Row reload(DonationRecords.Row donation) {
        return records.find(donation.id()).orElseThrow();
    }

    /** The session placeholders of the fixtures for this donation. */
    static Map<String, Object> session(DonationRecords.Row donation, String paymentIntent, String paymentStatus) {
        return Map.of("SESSION_ID", donation.sessionId(), "DONATION_ID", donation.id(), "AMOUNT", donation.amountSatang(),
                "PAYMENT_INTENT", paymentIntent, "PAYMENT_STATUS", paymentStatus, "EMAIL", donation.email(), "TOKEN", donation.token());
    }

    long ledgerRows(DonationRecords.Row donation) {
        return jdbc.sql("select count(*) from ledger_entry where donation_id = ?").param(donation.id()).query(Long.class).single();
    }

    long ledgerSum(DonationRecords.Row donation) {
        return jdbc.sql("select coalesce(sum(amount_satang), 0) from ledger_entry where donation_id = ?").param(donation.id()).query(Long.class).single();
    }

    long receipts(DonationRecords.Row donation) {
        return jdbc.sql("select count(*) from mail_outbox where dedup_key = ?").param("donation-receipt:" + donation.id()).query(Long.class).single();
    }
}

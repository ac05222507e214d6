package org.khanaen.donations;

import java.time.LocalDate;
import java.time.chrono.ThaiBuddhistChronology;
import java.time.chrono.ThaiBuddhistDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.khanaen.platform.mail.MailComposer;
import org.khanaen.platform.mail.MailOutbox;
import org.springframework.stereotype.Component;

/**
 * The donor's receipt, in their language, queued in the transaction that counted the donation (so it is
 * sent exactly when the donation committed) under a key naming the donation: asked twice, sent once.
 */
@Component
class Receipts {

    private static final Locale THAI = Locale.forLanguageTag("th-TH");
    private static final DateTimeFormatter THAI_DATE = DateTimeFormatter.ofPattern("d MMMM G yyyy", THAI)
            .withChronology(ThaiBuddhistChronology.INSTANCE);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final MailComposer composer;
    private final MailOutbox outbox;
    private final DonationsProperties properties;

    Receipts(MailComposer composer, MailOutbox outbox, DonationsProperties properties) {
        this.composer = composer;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** KHN-0000042: the donation's own number, so a retried success can only give the same one. */
    static String number(long donationId) {
        return "KHN-%07d".formatted(donationId);
    }

    /** 14 พฤษภาคม พ.ศ. 2566 in Thai (Buddhist era), 14 May 2023 in English. */
    static String date(LocalDate date, Locale locale) {
        return "en".equals(locale.getLanguage()) ? ENGLISH_DATE.format(date) : THAI_DATE.format(ThaiBuddhistDate.from(date));
    }

    void send(DonationRecords.Row donation, java.time.Instant paidAt) {
        Locale locale = donation.locale();
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", donation.name() == null ? donation.email() : donation.name());
        variables.put("number", number(donation.id()));
        variables.put("amount", Baht.format(donation.amountSatang()));
        variables.put("date", date(LocalDate.ofInstant(paidAt, properties.zone()), locale));
        variables.put("anonymous", donation.anonymous());
        variables.put("campaignUrl", properties.link("/campaign"));
        variables.put("ledgerUrl", properties.link("/ledger"));
        outbox.enqueue(composer.compose("donation-receipt", donation.email(), locale, variables, number(donation.id()))
                .withDedupKey("donation-receipt:" + donation.id()));
    }
}

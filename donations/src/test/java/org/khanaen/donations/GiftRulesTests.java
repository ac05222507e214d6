package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** What a gift must be, as rules. */
class GiftRulesTests {

    private final GiftRules rules = new GiftRules(20, 100_000);

    private static DonationRequest gift(String amount) {
        return new DonationRequest(amount, "donor@example.org", null, null, false, Locale.forLanguageTag("th-TH"));
    }

    private static InvalidDonation invalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidDonation e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void amountsAreBahtAsPeopleTypeThemWithAtMostTwoDecimals() {
        assertThat(rules.check(gift("500")).amountSatang()).isEqualTo(50_000);
        assertThat(rules.check(gift("1,000")).amountSatang()).isEqualTo(100_000);
        assertThat(rules.check(gift("฿ 250.5")).amountSatang()).isEqualTo(25_050);
        assertThat(rules.check(gift("99,999.99")).amountSatang()).isEqualTo(9_999_999);
        for (String wrong : new String[] { "abc", "-500", "1.234", "1,00", "1e3", "500 baht", "0x10" }) {
            assertThat(invalid(() -> rules.check(gift(wrong))).fields().get("amount").key()).as(wrong).isEqualTo("donation.amount.invalid");
        }
        assertThat(invalid(() -> rules.check(gift(" "))).fields().get("amount").key()).isEqualTo("donation.amount.missing");
    }

    @Test
    void anAmountMustBeWithinTheCampaignsLimits() {
        assertThat(rules.check(gift("20")).amountSatang()).isEqualTo(2_000);
        assertThat(invalid(() -> rules.check(gift("19.99"))).fields().get("amount"))
                .satisfies(p -> assertThat(p.key()).isEqualTo("donation.amount.too-small")).satisfies(p -> assertThat(p.arguments()).containsExactly("฿20.00"));
        assertThat(invalid(() -> rules.check(gift("100,000.01"))).fields().get("amount").arguments()).containsExactly("฿100,000.00");
    }

    @Test
    void theReceiptNeedsAnAddressAndNamesAndMessagesHaveLimitsAndNoControlCharacters() {
        InvalidDonation e = invalid(() -> rules.check(new DonationRequest("500", "not-an-address", "x".repeat(101), "y".repeat(501), false, Locale.ENGLISH)));
        assertThat(e.fields().keySet()).containsExactlyInAnyOrder("email", "name", "message");
        assertThat(e.fields().get("name").key()).isEqualTo("donation.name.too-long");
        assertThat(invalid(() -> rules.check(new DonationRequest("500", "a@b.org", "bad\u0000name", null, false, null))).fields().get("name").key())
                .isEqualTo("donation.name.invalid");
        assertThat(invalid(() -> rules.check(new DonationRequest("500", "a@b.org", "two\nlines", null, false, null))).fields()).containsKey("name");
        assertThat(invalid(() -> rules.check(new DonationRequest("500", "Someone <a@b.org>", null, null, false, null))).fields()).containsKey("email");

        var ok = rules.check(new DonationRequest("500", " a@b.org ", "  <script>alert(1)</script> ", "ขอให้\nสำเร็จ", true, Locale.ENGLISH));
        assertThat(ok.email()).isEqualTo("a@b.org");
        assertThat(ok.name()).isEqualTo("<script>alert(1)</script>"); // kept as typed; every page escapes it
        assertThat(ok.message()).isEqualTo("ขอให้\nสำเร็จ");
        assertThat(ok.anonymous()).isTrue();
        assertThat(ok.locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void bahtAreWrittenTheThaiWay() {
        assertThat(Baht.format(123_400)).isEqualTo("฿1,234.00");
        assertThat(Baht.format(1_200_000_000L)).isEqualTo("฿12,000,000.00");
        assertThat(Baht.format(-5_050)).isEqualTo("-฿50.50");
        assertThat(Baht.plain(-5_050)).isEqualTo("-50.50");
        assertThat(Receipts.date(java.time.LocalDate.of(2023, 5, 14), Locale.forLanguageTag("th-TH"))).isEqualTo("14 พฤษภาคม พ.ศ. 2566");
        assertThat(Receipts.date(java.time.LocalDate.of(2023, 5, 14), Locale.ENGLISH)).isEqualTo("14 May 2023");
        assertThat(Receipts.number(42)).isEqualTo("KHN-0000042");
    }
}

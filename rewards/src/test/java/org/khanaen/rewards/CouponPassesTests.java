package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CouponPassesTests {

    private final CouponPasses passes = new CouponPasses("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final String code = CouponPasses.newCode();
    private final Instant expires = Instant.parse("2027-01-31T16:59:59Z");

    private static String problem(Runnable r) {
        try {
            r.run();
        } catch (RewardsProblem p) {
            return p.key();
        }
        return "accepted";
    }

    @Test
    void aPassReadsBackAsItsCodeAndExpiry() {
        assertThat(passes.read(passes.pass(code, expires))).isEqualTo(new CouponPasses.Reading.Pass(code, expires));
    }

    @Test
    void aPassWithAnotherCodeOrALaterExpiryIsRefusedAsTampered() {
        String pass = passes.pass(code, expires);
        String otherCode = CouponPasses.newCode();
        assertThat(problem(() -> passes.read(pass.replace(code, otherCode)))).isEqualTo("coupon.pass.tampered");
        String later = pass.replace("." + expires.getEpochSecond() + ".", "." + (expires.getEpochSecond() + 86_400) + ".");
        assertThat(problem(() -> passes.read(later))).isEqualTo("coupon.pass.tampered");
    }

    @Test
    void aPassSignedWithAnotherKeyOrCutShortIsRefused() {
        CouponPasses forger = new CouponPasses("another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII));
        assertThat(problem(() -> passes.read(forger.pass(code, expires)))).isEqualTo("coupon.pass.tampered");
        String pass = passes.pass(code, expires);
        assertThat(problem(() -> passes.read(pass.substring(0, pass.length() - 3)))).isEqualTo("coupon.pass.tampered");
        assertThat(problem(() -> passes.read("KHN1." + code + "." + expires.getEpochSecond()))).isEqualTo("coupon.pass.tampered");
    }

    @Test
    void aCodeTypedByHandIsReadWithoutCaseDashesOrLookAlikes() {
        String typed = CouponPasses.grouped(code).toLowerCase();
        assertThat(passes.read(" " + typed + " ")).isEqualTo(new CouponPasses.Reading.Code(code));
        assertThat(passes.read("0000-1111-2222-3333".replace('0', 'O').replace('1', 'l'))).isEqualTo(new CouponPasses.Reading.Code("0000111122223333"));
    }

    @Test
    void textThatIsNeitherIsRefused() {
        assertThat(problem(() -> passes.read("hello"))).isEqualTo("coupon.code.invalid");
        assertThat(problem(() -> passes.read(""))).isEqualTo("coupon.code.invalid");
        assertThat(problem(() -> passes.read("x".repeat(500)))).isEqualTo("coupon.code.invalid");
    }

    @Test
    void aWalletLinkShowsOnlyItsOwnDonation() {
        String token = passes.walletToken("pi_123");
        assertThat(passes.donationOf(token)).isEqualTo("pi_123");
        String other = passes.walletToken("pi_456");
        String forged = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> passes.donationOf(forged)).isInstanceOf(RewardsProblem.class).hasMessage("wallet.link.invalid");
    }

    @Test
    void codesAreSixteenCharactersOfCrockfordsAlphabet() {
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{16}");
        assertThat(CouponPasses.grouped(code)).matches("(.{4}-){3}.{4}");
    }
}

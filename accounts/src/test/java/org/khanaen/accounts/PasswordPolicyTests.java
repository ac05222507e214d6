package org.khanaen.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password rules, one per test: length by role, never the username, never a common or breached password. */
class PasswordPolicyTests {

    private static final Set<Role> ADMIN = Set.of(Role.ADMIN);

    private static String refusal(String password, Set<Role> roles) {
        try {
            PasswordPolicy.check("someone@example.org", password, roles);
            return "accepted";
        } catch (AccountProblem problem) {
            return problem.code();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "password1234", "Password2026!", "qwertyuiop12", "1q2w3e4r5t6y", "!!!sunshine!!!", "123456789012",
            "111111111111", "iloveyou1234" })
    void aCommonOrBreachedPasswordIsRefusedHoweverLong(String password) {
        assertThat(refusal(password, ADMIN)).isEqualTo("account.password.common");
        assertThat(PasswordPolicy.isCommon(password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "the counter opens at seven", "ข้าวมันไก่ร้านป้าแดงอร่อยที่สุด", "map admin password 1",
            "administrator-test-password", "k7#Vq9!mZ2$w" })
    void aPhraseOrARandomPasswordOfTwelveIsAccepted(String password) {
        assertThat(refusal(password, ADMIN)).isEqualTo("accepted");
    }

    @Test
    void staffNeedTwelveCharactersOthersEight() {
        assertThat(refusal("short pass 1", ADMIN)).isEqualTo("accepted");
        assertThat(refusal("short pass", ADMIN)).isEqualTo("account.password.too-short");
        assertThat(refusal("short pass", Set.of(Role.SPONSOR))).isEqualTo("accepted");
        assertThat(refusal("short", Set.of(Role.VOLUNTEER))).isEqualTo("account.password.too-short-8");
    }

    @Test
    void commonPasswordsAreRefusedForEveryoneNotOnlyStaff() {
        assertThat(refusal("password1", Set.of(Role.VOLUNTEER))).isEqualTo("account.password.common");
        assertThat(refusal("sunshine", Set.of(Role.SPONSOR))).isEqualTo("account.password.common");
    }

    @Test
    void theUsernameIsNoPassword() {
        assertThatThrownBy(() -> PasswordPolicy.check("someone@example.org", "SOMEONE@example.org", ADMIN))
                .isInstanceOf(AccountProblem.class).hasMessageContaining("username");
        assertThatCode(() -> PasswordPolicy.check("someone@example.org", "someone else entirely", ADMIN)).doesNotThrowAnyException();
    }
}

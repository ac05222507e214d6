package org.khanaen.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

@SpringBootTest
class AccountDirectoryTests {

    @Autowired
    AccountDirectory directory;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void anAccountIsFoundByItsUsernameHoweverItIsTyped() {
        directory.create(new NewAccount("Somchai@Example.org", "สมชาย ใจดี", "a long enough secret", Set.of(Role.WAR_ROOM), false));

        var found = directory.findForLogin("  somchai@example.ORG ").orElseThrow();

        assertThat(found.displayName()).isEqualTo("สมชาย ใจดี");
        assertThat(found.roles()).containsExactly(Role.WAR_ROOM);
        assertThat(found.passwordHash()).startsWith("{bcrypt}").doesNotContain("a long enough secret");
        assertThat(passwords.matches("a long enough secret", found.passwordHash())).isTrue();
    }

    @Test
    void aUsernameIsTakenOnlyOnce() {
        directory.create(new NewAccount("lead@example.org", "Lead", "a long enough secret", Set.of(Role.CONSTITUENCY_LEAD), false));

        assertThatThrownBy(() -> directory.create(new NewAccount("LEAD@example.org", "Lead 2", "another long secret", Set.of(), false)))
                .isInstanceOf(AccountProblem.class)
                .extracting(e -> ((AccountProblem) e).code()).isEqualTo("account.username.taken");
    }

    @Test
    void aShortPasswordIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> directory.create(new NewAccount("short@example.org", "Short", "tooshort", Set.of(Role.WAR_ROOM), false)))
                .isInstanceOf(AccountProblem.class)
                .extracting(e -> ((AccountProblem) e).code()).isEqualTo("account.password.too-short");
        assertThat(directory.findForLogin("short@example.org")).isEmpty();
    }

    @Test
    void staffNeedTwelveCharactersButAVolunteerEightWhoSeesOnlyTheirOwnData() {
        directory.create(new NewAccount("volunteer8@example.org", "Volunteer", "kop khun", Set.of(Role.VOLUNTEER), false));
        assertThat(directory.findForLogin("volunteer8@example.org")).isPresent();

        assertThatThrownBy(() -> directory.create(new NewAccount("volunteer7@example.org", "Volunteer", "seven77", Set.of(Role.VOLUNTEER), false)))
                .extracting(e -> ((AccountProblem) e).code()).isEqualTo("account.password.too-short-8");
    }

    @Test
    void anErasedAccountNamesNoOneAndCannotSignIn() {
        var id = directory.create(new NewAccount("erase.me@example.org", "Erase Me", "a long enough secret", Set.of(Role.VOLUNTEER), false));

        directory.anonymise(id, "p-123");

        assertThat(directory.findForLogin("erase.me@example.org")).isEmpty();
        var erased = directory.find(id).orElseThrow();
        assertThat(erased.username()).isEqualTo("erased-p-123");
        assertThat(erased.displayName()).isEqualTo("—");
        assertThat(erased.enabled()).isFalse();
        assertThat(erased.roles()).isEmpty();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndClearsTheMustChangeFlag() {
        directory.create(new NewAccount("coord@example.org", "Coordinator", "first password here", Set.of(Role.ORG_COORDINATOR), true));

        assertThatThrownBy(() -> directory.changePassword("coord@example.org", "wrong password!!", "second password here"))
                .extracting(e -> ((AccountProblem) e).code()).isEqualTo("account.password.wrong");

        directory.changePassword("coord@example.org", "first password here", "second password here");

        var account = directory.findForLogin("coord@example.org").orElseThrow();
        assertThat(account.mustChangePassword()).isFalse();
        assertThat(passwords.matches("second password here", account.passwordHash())).isTrue();
    }
}

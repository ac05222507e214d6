package org.khanaen.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class FirstAdministratorTests {

    @Autowired
    FirstAdministrator firstAdministrator;
    @Autowired
    AccountDirectory directory;

    @Test
    void aFreshInstallationGetsOneAdministratorWithAOneTimePassword() {
        // the runner already ran at start-up
        var admin = directory.findForLogin("admin").orElseThrow();
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.mustChangePassword()).as("a generated password must be replaced").isTrue();

        assertThat(firstAdministrator.ensureAdministrator()).as("never a second one").isFalse();
    }
}

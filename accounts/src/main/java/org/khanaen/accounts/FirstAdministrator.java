package org.khanaen.accounts;

import java.security.SecureRandom;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can administer a fresh installation, without a default password anyone could
 * look up: either the operator's own (from the environment) or a random one shown once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    // No look-alikes (0/O, 1/l/I) so it can be typed from a terminal.
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountDirectory directory;
    private final FirstAdministratorProperties properties;
    private final SecureRandom random = new SecureRandom();

    FirstAdministrator(AccountDirectory directory, FirstAdministratorProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdministrator();
    }

    /** @return true when an administrator was created by this call */
    boolean ensureAdministrator() {
        if (directory.anyEnabledWithRole(Role.ADMIN)) {
            return false;
        }
        String username = AccountDirectory.normalise(properties.username());
        if (directory.findForLogin(username).isPresent()) {
            log.error("No enabled administrator, and the username {} is taken by another account: set KHANAEN_ADMIN_USERNAME", username);
            return false;
        }
        boolean given = properties.password() != null && !properties.password().isBlank();
        String password = given ? properties.password() : oneTimePassword();
        try {
            directory.create(new NewAccount(username, properties.displayName(), password, Set.of(Role.ADMIN), !given));
        } catch (DataIntegrityViolationException raceWithAnotherNode) {
            log.info("Another node created the first administrator at the same moment");
            return false;
        }
        if (given) {
            log.info("Created the first administrator '{}' with the password from KHANAEN_ADMIN_PASSWORD", username);
        } else {
            log.warn("""

                    ================================================================
                      First administrator created. Sign in once with
                        username:  {}
                        password:  {}
                      This one-time password is shown only now and must be
                      changed at first sign-in.
                    ================================================================
                    """, username, password);
        }
        return true;
    }

    private String oneTimePassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}

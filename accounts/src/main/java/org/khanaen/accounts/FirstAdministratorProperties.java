package org.khanaen.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator, created at start-up while no enabled administrator exists.
 *
 * @param username  sign-in name ({@code KHANAEN_ADMIN_USERNAME})
 * @param password  its password ({@code KHANAEN_ADMIN_PASSWORD}); when empty, a one-time password is
 *                  generated, printed once in the log, and must be changed at first sign-in
 */
@ConfigurationProperties("khanaen.admin")
record FirstAdministratorProperties(@DefaultValue("admin") String username, String password,
        @DefaultValue("Administrator") String displayName) {
}

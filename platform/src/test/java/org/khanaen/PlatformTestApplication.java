package org.khanaen;

import org.khanaen.platform.mail.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Boots the platform on its own, on a throw-away embedded MariaDB (see application.properties; the
 * testing module cannot be used here: it depends on platform). At {@code org.khanaen} so that Spring
 * Modulith sees the module and runs its migrations from {@code db/migration/platform}, as in the app.
 * No {@code @EnableScheduling}: tests run the mail sender themselves, one step at a time.
 */
@SpringBootApplication
class PlatformTestApplication {

    /** Time the tests move forward, e.g. past a retry's wait; the outbox picks it up as its clock. */
    @Bean
    MutableClock clock() {
        return new MutableClock();
    }
}

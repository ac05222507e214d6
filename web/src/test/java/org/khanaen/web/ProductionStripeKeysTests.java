package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.khanaen.KhanaenApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The prod profile, given everything else it needs (a database, the keys of the other modules), refuses to
 * start without Stripe's keys, rather than falling back to development mode's local payment page.
 */
@FullStackTest
class ProductionStripeKeysTests {

    @Autowired
    DataSource dataSource;

    @Test
    void productionDoesNotStartWithoutStripeKeys() throws SQLException {
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        var production = new SpringApplicationBuilder(KhanaenApplication.class).profiles("prod").web(WebApplicationType.NONE);

        assertThatThrownBy(() -> production.run("--spring.main.banner-mode=off",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getenv().getOrDefault("KHANAEN_TEST_DB_USER", "root"),
                "--spring.datasource.password=" + System.getenv().getOrDefault("KHANAEN_TEST_DB_PASSWORD", ""),
                "--khanaen.personal-data.encryption-key=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
                "--khanaen.personal-data.blind-index-key=YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXphYmNkZWY=",
                "--khanaen.assignment.link-key=dGVzdC1hc3NpZ25tZW50LWxpbmsta2V5LW9ubHktMzI=",
                "--khanaen.proofs.pseudonym-key=dGVzdC1wdWJsaWMtcmVjb3JkLXBzZXVkb255bS1rZXk=",
                "--khanaen.rewards.pass-key=dGVzdC1yZXdhcmRzLXBhc3Mta2V5LWZvci1wcm9kISE=",
                "--khanaen.admin.password=production-test-password"))
                .rootCause().hasMessageContaining("Stripe keys are missing").hasMessageContaining("KHANAEN_STRIPE_SECRET_KEY");
    }
}

package org.khanaen.platform.embeddeddb;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The no-set-up default: without {@code spring.datasource.url}, the app starts its own MariaDB.
 * Production turns it off ({@code khanaen.embedded-db.enabled=false}), so a missing URL fails
 * at start-up instead of quietly writing to a local server. Connection details (not a DataSource) are contributed so that every {@code spring.datasource.hikari.*}
 * setting still applies.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(name = "spring.datasource.url", matchIfMissing = true, havingValue = "embedded")
@ConditionalOnBooleanProperty(name = "khanaen.embedded-db.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedMariaDbAutoConfiguration {

    @Bean
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseProperties properties) {
        return new EmbeddedMariaDb(properties);
    }

    @Bean
    JdbcConnectionDetails embeddedMariaDbConnectionDetails(EmbeddedMariaDb server) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "root";
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return server.jdbcUrl();
            }

            @Override
            public String getDriverClassName() {
                return "com.mysql.cj.jdbc.Driver";
            }
        };
    }
}

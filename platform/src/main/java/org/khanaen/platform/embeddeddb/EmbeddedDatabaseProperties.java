package org.khanaen.platform.embeddeddb;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MariaDB server used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir   where the databases live between runs
 * @param baseDir   where the server binaries are unpacked, shared by every run on the machine
 *                  (default: {@code khanaen-mariadb-10.11.5} in the system temporary folder)
 * @param port      TCP port on 127.0.0.1; 0 picks a free one
 * @param database  schema name, created on first connection
 * @param ephemeral true for throw-away data (tests): the data folder is wiped when the server starts and stops
 * @param args      extra server arguments, e.g. {@code --innodb-buffer-pool-size=512M}
 */
@ConfigurationProperties("khanaen.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("data/mariadb") Path dataDir,
        Path baseDir,
        @DefaultValue("0") int port,
        @DefaultValue("khanaen") String database,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue List<String> args) {

    public EmbeddedDatabaseProperties {
        if (baseDir == null) {
            baseDir = Path.of(System.getProperty("java.io.tmpdir"), "khanaen-mariadb-10.11.5");
        }
    }
}

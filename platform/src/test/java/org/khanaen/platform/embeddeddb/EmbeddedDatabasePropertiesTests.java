package org.khanaen.platform.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EmbeddedDatabasePropertiesTests {

    @Test
    void withNothingConfiguredTheBinariesGoToTheSystemTemporaryFolder() {
        var properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("khanaen.embedded-db", EmbeddedDatabaseProperties.class);

        assertThat(properties.baseDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "khanaen-mariadb-10.11.5"));
        assertThat(properties.dataDir()).isEqualTo(Path.of("data/mariadb"));
        assertThat(properties.port()).isZero();
        assertThat(properties.ephemeral()).isFalse();
    }
}

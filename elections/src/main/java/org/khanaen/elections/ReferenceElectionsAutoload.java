package org.khanaen.elections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Loads the configured built-in elections at start-up, once: a restart finds them and does nothing. */
@Component
@EnableConfigurationProperties(ElectionsProperties.class)
class ReferenceElectionsAutoload implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceElectionsAutoload.class);

    private final ElectionsProperties properties;
    private final ElectionCatalog catalog;
    private final ElectionImports imports;

    ReferenceElectionsAutoload(ElectionsProperties properties, ElectionCatalog catalog, ElectionImports imports) {
        this.properties = properties;
        this.catalog = catalog;
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String id : properties.autoload()) {
            if (catalog.exists(id)) {
                continue;
            }
            try {
                ImportReport report = imports.importBuiltIn(id);
                log.info("Loaded reference election {} ({} stations) in {} ms", id, report.counts().stations(), report.millis());
            } catch (ElectionImportFailed e) {
                if (!catalog.exists(id)) {
                    throw e; // a real problem, not another node loading it at the same moment
                }
            }
        }
    }
}

package org.khanaen.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --khanaen.import.source=th-2566} or {@code =/path/to/election.json|bundle.zip}: imports
 * into the configured database and exits (0 loaded, 1 not), for administrators without a browser.
 * {@code ./khanaen import ...} runs it.
 */
@Component
@Order(100)
class ImportCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportCommand.class);

    private final ElectionImports imports;
    private final ApplicationContext context;
    private final String source;

    ImportCommand(ElectionImports imports, ApplicationContext context, @Value("${khanaen.import.source:}") String source) {
        this.imports = imports;
        this.context = context;
        this.source = source;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (source.isBlank()) {
            return;
        }
        int exitCode;
        try {
            ImportReport report = imports.builtIn().contains(source) ? imports.importBuiltIn(source)
                    : imports.importFile(Path.of(source).getFileName().toString(), Files.readAllBytes(Path.of(source)));
            report.warnings().forEach(w -> log.warn("Note: {}", w));
            log.info("Imported {}: {} in {} ms", report.electionId(), report.counts(), report.millis());
            exitCode = 0;
        } catch (ElectionImportFailed failure) {
            log.error("Nothing imported from {}:\n{}", source, failure.getMessage());
            exitCode = 1;
        } catch (java.io.IOException e) {
            log.error("Cannot read {}: {}", source, e.getMessage());
            exitCode = 1;
        }
        int code = exitCode;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }
}

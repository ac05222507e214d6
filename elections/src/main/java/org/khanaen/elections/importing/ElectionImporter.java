package org.khanaen.elections.importing;

import java.util.List;

import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.ImportProblem;
import org.khanaen.elections.ImportReport;
import org.khanaen.elections.importing.ElectionDefinition.Generated;
import org.khanaen.elections.importing.ElectionDefinition.Listed;
import org.khanaen.elections.importing.ElectionDefinition.StationDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Checks a definition, makes its stations, and stores it all in one transaction, or nothing. */
@Component
public class ElectionImporter {

    private static final Logger log = LoggerFactory.getLogger(ElectionImporter.class);

    private final ReferenceDataWriter writer;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    ElectionImporter(ReferenceDataWriter writer, TransactionTemplate transaction, JdbcTemplate jdbc,
            ApplicationEventPublisher events) {
        this.writer = writer;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.events = events;
    }

    public ImportReport store(ElectionDefinition election, Problems problems) {
        long started = System.nanoTime();
        DefinitionValidator.validate(election, problems);
        List<StationDef> stations = election.stations() instanceof Generated plan
                ? StationGenerator.generate(election, plan, problems)
                : ((Listed) election.stations()).stations();
        problems.throwIfAny();
        if (alreadyLoaded(election.id())) {
            throw alreadyLoadedFailure(election);
        }
        try {
            var counts = transaction.execute(status -> {
                var written = writer.write(election, stations);
                events.publishEvent(new ElectionImported(election.id(), written));
                return written;
            });
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("Imported election {}: {} in {} ms", election.id(), counts, millis);
            return new ImportReport(election.id(), counts, millis, problems.warnings());
        } catch (DuplicateKeyException raceWithAnotherImport) {
            throw alreadyLoadedFailure(election);
        }
    }

    private boolean alreadyLoaded(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select count(*) > 0 from election where id = ?", Boolean.class, id));
    }

    private static ElectionImportFailed alreadyLoadedFailure(ElectionDefinition election) {
        return new ElectionImportFailed(List.of(new ImportProblem(election.origin().file(), "",
                "election \"" + election.id() + "\" is already loaded")));
    }
}

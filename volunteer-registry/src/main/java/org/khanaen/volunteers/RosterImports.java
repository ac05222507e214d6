package org.khanaen.volunteers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.khanaen.volunteers.RosterImport.Checked;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A coordinator's CSV upload in two steps: the file is checked row by row (progress shown, problems
 * listed with their row numbers, nothing stored), then, on the coordinator's word, its valid rows are
 * imported in one transaction (all of them or none). The file is kept only until then.
 */
@Service
public class RosterImports {

    public enum Status { CHECKING, CHECKED, IMPORTING, IMPORTED, CANCELLED, FAILED }

    /** @param code message key; {@code row} counts data rows from 1, as a spreadsheet shows them (header = row 1 there) */
    public record RowProblem(int row, String field, String code) {
    }

    /** A checked row, contacts masked: what the coordinator sees before importing. */
    public record PreviewRow(int row, String fullName, String phone, String email, String district, String role) {
    }

    public record Job(long id, String fileName, Status status, int totalRows, int validRows, int processedRows, int importedRows,
            List<RowProblem> problems, List<PreviewRow> preview, Instant createdAt, Instant finishedAt) {

        public int invalidRows() {
            return totalRows - validRows;
        }

        public int percent() {
            int target = status == Status.IMPORTING ? validRows : totalRows;
            return target == 0 ? 0 : (int) Math.min(100, processedRows * 100L / target);
        }
    }

    static final int MAX_PROBLEMS_KEPT = 1000;
    private static final int CHUNK = 1024 * 1024;

    private final JdbcClient jdbc;
    private final RosterImport rosterImport;
    private final Executor executor;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separately;
    private final JsonMapper json = JsonMapper.builder().build();

    RosterImports(JdbcClient jdbc, RosterImport rosterImport, @Qualifier("applicationTaskExecutor") Executor executor,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.rosterImport = rosterImport;
        this.executor = executor;
        this.transaction = transaction;
        // Progress is written beside the import's own transaction, so that the page sees it while it runs.
        this.separately = new TransactionTemplate(transaction.getTransactionManager());
        this.separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores the file and starts checking it in the background; the job's page shows the progress. */
    public long upload(OrganisationId organisation, String fileName, byte[] content, String actor) {
        if (content.length == 0) {
            throw new RegistryProblem("import.empty", "file", "the file is empty");
        }
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
        long id = transaction.execute(status -> store(organisation, name, content, actor));
        executor.execute(() -> check(organisation, id, content));
        return id;
    }

    /** Checking in the foreground, for tests. */
    Job checkNow(OrganisationId organisation, String fileName, byte[] content, String actor) {
        long id = transaction.execute(status -> store(organisation, fileName, content, actor));
        check(organisation, id, content);
        return job(organisation, id).orElseThrow();
    }

    private long store(OrganisationId organisation, String name, byte[] content, String actor) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into import_job (organisation_id, created_by, file_name, status, total_rows, valid_rows,
                                        processed_rows, imported_rows, created_at)
                values (?, ?, ?, 'CHECKING', 0, 0, 0, 0, ?)""")
                .params(organisation.value(), actor, name.substring(0, Math.min(255, name.length())), Instant.now()).update(keys);
        long id = keys.getKey().longValue();
        for (int from = 0, seq = 0; from < content.length; from += CHUNK, seq++) {
            byte[] chunk = java.util.Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK));
            jdbc.sql("insert into import_job_chunk (job_id, seq, content) values (?, ?, ?)").params(id, seq, chunk).update();
        }
        return id;
    }

    private byte[] file(long id) {
        var out = new java.io.ByteArrayOutputStream();
        jdbc.sql("select content from import_job_chunk where job_id = ? order by seq").param(id)
                .query((rs, n) -> rs.getBytes(1)).list().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private void dropFile(long id) {
        jdbc.sql("delete from import_job_chunk where job_id = ?").param(id).update();
    }

    private void check(OrganisationId organisation, long id, byte[] content) {
        try {
            Checked checked = rosterImport.check(organisation, content, done -> progress(id, done));
            List<RowProblem> kept = checked.problems().subList(0, Math.min(MAX_PROBLEMS_KEPT, checked.problems().size()));
            jdbc.sql("""
                    update import_job set status = 'CHECKED', total_rows = ?, valid_rows = ?, processed_rows = ?, problems = ?, preview = ?
                    where id = ? and status = 'CHECKING'""")
                    .params(checked.totalRows(), checked.valid().size(), checked.totalRows(), json.writeValueAsString(kept),
                            json.writeValueAsString(checked.preview()), id)
                    .update();
        } catch (RegistryProblem fileProblem) {
            dropFile(id);
            jdbc.sql("update import_job set status = 'FAILED', problems = ?, finished_at = ? where id = ?")
                    .params(json.writeValueAsString(List.of(new RowProblem(0, fileProblem.field(), fileProblem.code()))), Instant.now(), id)
                    .update();
        } catch (RuntimeException unexpected) {
            dropFile(id);
            jdbc.sql("update import_job set status = 'FAILED', problems = ?, finished_at = ? where id = ?")
                    .params(json.writeValueAsString(List.of(new RowProblem(0, null, "import.failed"))), Instant.now(), id).update();
            throw unexpected;
        }
    }

    private void progress(long id, int processed) {
        separately.executeWithoutResult(status ->
                jdbc.sql("update import_job set processed_rows = ? where id = ?").params(processed, id).update());
    }

    public Optional<Job> job(OrganisationId organisation, long id) {
        return jdbc.sql("""
                select id, file_name, status, total_rows, valid_rows, processed_rows, imported_rows, problems, preview, created_at, finished_at
                from import_job where id = ? and organisation_id = ?""")
                .params(id, organisation.value())
                .query((rs, n) -> new Job(rs.getLong(1), rs.getString(2), Status.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), read(rs.getString(8), new TypeReference<List<RowProblem>>() { }),
                        read(rs.getString(9), new TypeReference<List<PreviewRow>>() { }), rs.getTimestamp(10).toInstant(),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()))
                .optional();
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        return text == null ? List.of() : json.readValue(text, type);
    }

    /**
     * Imports the checked file's valid rows (skipping the others, which the coordinator has seen), in the
     * background. The coordinator states that the people gave consent to the current text.
     */
    public void importValidRows(OrganisationId organisation, long id, String actor) {
        int claimed = jdbc.sql("update import_job set status = 'IMPORTING', processed_rows = 0 where id = ? and organisation_id = ? and status = 'CHECKED'")
                .params(id, organisation.value()).update();
        if (claimed == 0) {
            throw new RegistryProblem("import.not-ready", "the file is not checked, or was imported already");
        }
        executor.execute(() -> importNow(organisation, id, actor));
    }

    /** Imports in the foreground, for tests and benchmarks. */
    int importNow(OrganisationId organisation, long id, String actor) {
        if (jdbc.sql("select count(*) from import_job where id = ? and organisation_id = ?").params(id, organisation.value())
                .query(Long.class).single() == 0) {
            throw new RegistryProblem("import.not-ready", "no such import");
        }
        byte[] content = file(id);
        try {
            int imported = transaction.execute(status -> {
                int done = rosterImport.importValid(organisation, content, actor, rows -> progress(id, rows));
                dropFile(id);
                jdbc.sql("""
                        update import_job set status = 'IMPORTED', imported_rows = ?, processed_rows = valid_rows, preview = null,
                        finished_at = ? where id = ?""").params(done, Instant.now(), id).update();
                return done;
            });
            return imported;
        } catch (RuntimeException e) {
            dropFile(id);
            jdbc.sql("update import_job set status = 'FAILED', preview = null, finished_at = ? where id = ?")
                    .params(Instant.now(), id).update();
            throw e;
        }
    }

    public void cancel(OrganisationId organisation, long id) {
        transaction.executeWithoutResult(status -> {
            int cancelled = jdbc.sql("""
                    update import_job set status = 'CANCELLED', preview = null, finished_at = ?
                    where id = ? and organisation_id = ? and status in ('CHECKING', 'CHECKED')""")
                    .params(Instant.now(), id, organisation.value()).update();
            if (cancelled == 1) {
                dropFile(id);
            }
        });
    }
}

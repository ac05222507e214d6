package org.khanaen.volunteers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khanaen.volunteers.RosterImports.PreviewRow;
import org.khanaen.volunteers.RosterImports.RowProblem;
import org.khanaen.volunteers.privacy.Contacts;
import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads, checks and writes a roster CSV: the work behind {@link RosterImports}. */
@Component
class RosterImport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RosterImport.class);

    static final int MAX_ROWS = 200_000;
    private static final int BATCH = 1000;
    private static final int PROGRESS_EVERY = 5000;
    private static final List<String> REQUIRED = List.of("full_name", "phone", "email", "district_code", "role_preference", "availability");

    record Row(int row, CheckedVolunteer volunteer) {
    }

    record Checked(int totalRows, List<Row> valid, List<RowProblem> problems, List<PreviewRow> preview) {
    }

    private final DistrictDirectory districts;
    private final PersonalData personalData;
    private final JdbcTemplate jdbc;
    private final PersonalDataAudit audit;
    private final RegistryProperties properties;
    private final JoinRequests joinRequests;

    RosterImport(DistrictDirectory districts, PersonalData personalData, JdbcTemplate jdbc, PersonalDataAudit audit,
            RegistryProperties properties, JoinRequests joinRequests) {
        this.joinRequests = joinRequests;
        this.districts = districts;
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
    }

    Checked check(OrganisationId organisation, byte[] content, IntConsumer progress) {
        Map<String, String> known = districts.provinceByDistrict();
        List<Row> valid = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        List<PreviewRow> preview = new ArrayList<>();
        Map<String, Integer> emails = new HashMap<>();
        Map<String, Integer> phones = new HashMap<>();
        int rows = 0;
        try (CSVParser csv = parse(content)) {
            for (CSVRecord record : csv) {
                rows++;
                if (rows > MAX_ROWS) {
                    throw new RegistryProblem("import.too-many-rows", "file", "at most " + MAX_ROWS + " rows");
                }
                int row = rows;
                var input = new VolunteerInput(value(record, "full_name"), value(record, "phone"), value(record, "email"),
                        value(record, "line_id"), value(record, "district_code"), value(record, "role_preference"),
                        value(record, "availability"));
                var result = VolunteerRules.check(input, known);
                result.problems().forEach(p -> problems.add(new RowProblem(row, p.field(), p.code())));
                if (result.valid()) {
                    CheckedVolunteer v = result.volunteer();
                    Integer sameEmail = emails.putIfAbsent(v.email(), row);
                    Integer samePhone = phones.putIfAbsent(v.phone(), row);
                    if (sameEmail != null) {
                        problems.add(new RowProblem(row, "email", "import.duplicate-email"));
                    }
                    if (samePhone != null) {
                        problems.add(new RowProblem(row, "phone", "import.duplicate-phone"));
                    }
                    if (sameEmail == null && samePhone == null) {
                        valid.add(new Row(row, v));
                        if (preview.size() < 20) {
                            preview.add(new PreviewRow(row, v.fullName(), Contacts.maskPhone(v.phone()), Contacts.maskEmail(v.email()),
                                    v.districtCode(), v.rolePreference().name()));
                        }
                    }
                }
                if (rows % PROGRESS_EVERY == 0) {
                    progress.accept(rows);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new RegistryProblem("import.malformed", "file", "not readable as CSV: " + e.getMessage());
        }
        if (rows == 0) {
            throw new RegistryProblem("import.no-rows", "file", "no rows under the header");
        }
        return new Checked(rows, valid, problems, preview);
    }

    private static CSVParser parse(byte[] content) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new RegistryProblem("import.encoding", "file", "not UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVParser parser = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setIgnoreHeaderCase(true).setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(false)
                .get().parse(new StringReader(text));
        List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            parser.close();
            throw new RegistryProblem("import.columns", "file", "missing columns " + String.join(", ", missing));
        }
        return parser;
    }

    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
    }

    /**
     * Writes the valid rows: new people as new volunteers; people already known (same email or phone)
     * through another organisation are asked by mail to confirm joining (their stored details are not
     * touched, nor shown). Caller holds the transaction.
     *
     * @return rows taken: added, already on the roster, or asked to confirm
     */
    int importValid(OrganisationId organisation, byte[] content, String actor, IntConsumer progress) {
        long started = System.nanoTime();
        Checked checked = check(organisation, content, done -> { });
        log.debug("import: checked again in {} ms", (System.nanoTime() - started) / 1_000_000);
        List<Row> rows = checked.valid();
        byte[][] emailIndexes = new byte[rows.size()][];
        byte[][] phoneIndexes = new byte[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            emailIndexes[i] = personalData.index(rows.get(i).volunteer().email());
            phoneIndexes[i] = personalData.index(rows.get(i).volunteer().phone());
        }
        Map<String, Long> byEmail = existing("email_bidx", java.util.Arrays.asList(emailIndexes));
        Map<String, Long> byPhone = existing("phone_bidx", java.util.Arrays.asList(phoneIndexes));
        log.debug("import: looked up known people in {} ms", (System.nanoTime() - started) / 1_000_000);
        Timestamp at = Timestamp.from(Instant.now());
        List<Object[]> newVolunteers = new ArrayList<>();
        List<Long> knownIds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CheckedVolunteer v = rows.get(i).volunteer();
            Long known = byEmail.getOrDefault(hex(emailIndexes[i]), byPhone.get(hex(phoneIndexes[i])));
            if (known != null) {
                knownIds.add(known);
            } else {
                newVolunteers.add(new Object[] { UUID.randomUUID().toString(), v.fullName(), personalData.encrypt(v.phone()),
                        phoneIndexes[i], personalData.encrypt(v.email()), emailIndexes[i], personalData.encrypt(v.lineId()),
                        v.provinceCode(), v.districtCode(), v.rolePreference().name(), v.availability().name(), properties.election(), at, at });
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                progress.accept((i + 1) / 2);
            }
        }
        log.debug("import: encrypted {} new in {} ms", newVolunteers.size(), (System.nanoTime() - started) / 1_000_000);
        List<Long> ids = new ArrayList<>(insertVolunteers(newVolunteers));
        log.debug("import: volunteers written at {} ms", (System.nanoTime() - started) / 1_000_000);
        // People known through another organisation are asked by mail, not added: a file of guessed
        // phone numbers must not pull anyone's record onto this roster.
        Set<Long> alreadyOurs = affiliated(organisation, knownIds);
        List<Long> asked = knownIds.stream().filter(id -> !alreadyOurs.contains(id)).distinct().toList();
        asked.forEach(id -> joinRequests.ask(id, organisation.value()));
        ids.addAll(alreadyOurs);
        progress.accept(rows.size() * 3 / 4);
        int[] affiliated = { 0 };
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            int[] counts = jdbc.batchUpdate("""
                    insert into affiliation (volunteer_id, organisation_id, status, source, joined_at, decided_at, decided_by)
                    values (?, ?, 'APPROVED', 'IMPORT', ?, ?, ?) on duplicate key update volunteer_id = volunteer_id""",
                    chunk.stream().map(id -> new Object[] { id, organisation.value(), at, at, actor }).toList());
            for (int count : counts) {
                affiliated[0] += count == 1 || count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
            }
        }
        log.debug("import: affiliations written at {} ms", (System.nanoTime() - started) / 1_000_000);
        batch("insert into consent (volunteer_id, organisation_id, text_version, given_at, channel) values (?, ?, ?, ?, 'IMPORT')",
                ids.stream().map(id -> new Object[] { id, organisation.value(), properties.consentVersion(), at }).toList());
        log.debug("import: consents written at {} ms", (System.nanoTime() - started) / 1_000_000);
        audit.record(actor, PersonalDataAudit.Action.IMPORT, null, organisation.value(),
                newVolunteers.size() + " new, " + alreadyOurs.size() + " already ours, " + asked.size() + " known elsewhere, asked to confirm");
        progress.accept(rows.size());
        // One figure for both, so that the page does not tell which rows named someone known elsewhere.
        return ids.size() + asked.size();
    }

    private Set<Long> affiliated(OrganisationId organisation, List<Long> volunteers) {
        Set<Long> found = new HashSet<>();
        for (int from = 0; from < volunteers.size(); from += BATCH) {
            List<Long> chunk = volunteers.subList(from, Math.min(volunteers.size(), from + BATCH));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> args = new ArrayList<>(chunk);
            args.addFirst(organisation.value());
            found.addAll(jdbc.queryForList("select volunteer_id from affiliation where organisation_id = ? and volunteer_id in (" + marks + ")",
                    Long.class, args.toArray()));
        }
        return found;
    }

    private Map<String, Long> existing(String column, List<byte[]> indexes) {
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < indexes.size(); from += BATCH) {
            List<byte[]> chunk = indexes.subList(from, Math.min(indexes.size(), from + BATCH));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("select " + column + ", id from volunteer where " + column + " in (" + marks + ")",
                    rs -> {
                        found.put(hex(rs.getBytes(1)), rs.getLong(2));
                    }, chunk.toArray());
        }
        return found;
    }

    /** Inserts in batches and takes the new ids from the driver (one round trip per 1,000 rows, no read-back). */
    private List<Long> insertVolunteers(List<Object[]> rows) {
        String sql = """
                insert into volunteer (pseudonym, full_name, phone_enc, phone_bidx, email_enc, email_bidx, line_id_enc,
                                       home_province_code, home_district_code, role_preference, availability, registered_for_election,
                                       language, assignment_status, created_at, updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'th', 'UNASSIGNED', ?, ?, 0)""";
        List<Long> ids = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.batchUpdate(connection -> connection.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS),
                    new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(java.sql.PreparedStatement statement, int i) throws java.sql.SQLException {
                            Object[] values = chunk.get(i);
                            for (int c = 0; c < values.length; c++) {
                                statement.setObject(c + 1, values[c]);
                            }
                        }

                        @Override
                        public int getBatchSize() {
                            return chunk.size();
                        }
                    }, keys);
            keys.getKeyList().forEach(key -> ids.add(((Number) key.values().iterator().next()).longValue()));
        }
        if (ids.size() != rows.size()) {
            throw new IllegalStateException("expected " + rows.size() + " new ids, the driver gave " + ids.size());
        }
        return ids;
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}

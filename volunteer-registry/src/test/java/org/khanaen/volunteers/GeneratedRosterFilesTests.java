package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two hundred generated roster files, each from its own seed (printed with any failure): good rows mixed with
 * bad cells (empty, formulas, quotes and line breaks, 5,000 characters, unknown districts), columns shuffled or
 * missing, a byte-order mark or bytes that are not UTF-8. Checking one never fails and stores no volunteer; a
 * checked file imports exactly its valid rows, and a refused one is refused whole with a reason.
 */
@SpringBootTest
@Import(RecordingMail.Config.class)
class GeneratedRosterFilesTests {

    private static final List<String> COLUMNS = List.of("full_name", "phone", "email", "line_id", "district_code", "role_preference",
            "availability");
    private static final String[] BAD = { "", " ", "=HYPERLINK(\"http://x\")", "\"", "a\"b", "line\nbreak", "x".repeat(5_000), "💥", "9999",
            "-1", "null", "\u0000", "@", ",,," };

    @Autowired PartnerOrganisations organisations;
    @Autowired RosterImports imports;
    @Autowired JdbcClient jdbc;

    private static int next;

    private long volunteers() {
        return jdbc.sql("select count(*) from volunteer").query(Long.class).single();
    }

    private static String good(String column, int person) {
        return switch (column) {
            case "full_name" -> "อาสา สุ่ม" + person;
            case "phone" -> "06" + String.format("%08d", 30_000_000 + person);
            case "email" -> "generated" + person + "@example.org";
            case "line_id" -> "@line" + person;
            case "district_code" -> "1001";
            case "role_preference" -> "station";
            default -> "all_day";
        };
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static byte[] file(SplittableRandom random) {
        List<String> header = new ArrayList<>(COLUMNS);
        if (random.nextInt(4) == 0) {
            Collections.shuffle(header, new java.util.Random(random.nextLong()));
        }
        if (random.nextInt(10) == 0) {
            header.remove(random.nextInt(header.size()));
        }
        StringBuilder text = new StringBuilder(random.nextInt(5) == 0 ? "\uFEFF" : "").append(String.join(",", header)).append("\r\n");
        int rows = random.nextInt(0, 20);
        for (int r = 0; r < rows; r++) {
            int person = ++next;
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                cells.add(quoted(random.nextInt(6) == 0 ? BAD[random.nextInt(BAD.length)] : good(column, person)));
            }
            text.append(String.join(",", cells)).append(random.nextBoolean() ? "\r\n" : "\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(15) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) 0xC3; // a broken UTF-8 sequence
        }
        return bytes;
    }

    @Test
    void anyFileIsCheckedWithoutStoringAnyoneAndImportsExactlyItsValidRows() {
        OrganisationId org = organisations.create(RegistryFixtures.anOrganisation("generated-files")).id();
        int checked = 0;
        int refused = 0;
        for (long seed = 1; seed <= 200; seed++) {
            byte[] content = file(new SplittableRandom(seed));
            long before = volunteers();
            RosterImports.Job job;
            try {
                job = imports.checkNow(org, "generated.csv", content, "coordinator");
            } catch (RuntimeException unexpected) {
                throw new AssertionError("seed " + seed + ": " + unexpected + "\n" + new String(content, StandardCharsets.UTF_8), unexpected);
            }
            assertThat(volunteers()).as("seed %d: checking stores nobody", seed).isEqualTo(before);
            if (job.status() == RosterImports.Status.FAILED) {
                refused++;
                assertThat(job.problems()).as("seed %d: refused with a reason", seed).singleElement()
                        .satisfies(p -> assertThat(p.code()).startsWith("import."));
                continue;
            }
            checked++;
            assertThat(job.status()).as("seed %d", seed).isEqualTo(RosterImports.Status.CHECKED);
            assertThat(job.validRows() + job.problems().stream().map(RosterImports.RowProblem::row).distinct().count())
                    .as("seed %d: every row is valid or named with its problems", seed).isEqualTo(job.totalRows());
            int imported = imports.importNow(org, job.id(), "coordinator");
            assertThat(imported).as("seed %d", seed).isEqualTo(job.validRows());
            assertThat(volunteers() - before).as("seed %d: every valid row is a new person here", seed).isEqualTo(job.validRows());
        }
        System.out.printf("generated roster files: %d checked and imported, %d refused whole%n", checked, refused);
        assertThat(checked).isPositive();
        assertThat(refused).isPositive();
    }
}

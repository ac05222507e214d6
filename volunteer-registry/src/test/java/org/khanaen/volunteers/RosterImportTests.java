package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.khanaen.volunteers.RegistryFixtures.anOrganisation;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khanaen.volunteers.RosterImports.RowProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@Import(RecordingMail.Config.class)
class RosterImportTests {

    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    RosterImports imports;
    @Autowired
    Rosters rosters;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordingMail mail;
    @Autowired
    SignUps signUps;

    static int run;
    OrganisationId org;

    @BeforeEach
    void anOrganisation() {
        org = organisations.create(RegistryFixtures.anOrganisation("import-" + (++run))).id();
    }

    private static byte[] utf8WithBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }

    private long volunteers() {
        return jdbc.sql("select count(*) from volunteer").query(Long.class).single();
    }

    @Test
    void aCleanFileFromExcelImportsEveryRow() {
        String csv = "Full_Name,Phone,Email,LINE_ID,District_Code,Role_Preference,Availability\r\n"
                + "\"สมหญิง ใจงาม\",\"081-111-" + String.format("%04d", run) + "\",somying" + run + "@example.org,,1001,station,all_day\r\n"
                + "ประเสริฐ มั่นคง,+66 82 222 " + String.format("%04d", run) + ",prasert" + run + "@example.org,@prasert,5001,war_room,count_only\r\n";

        var job = imports.checkNow(org, "roster.csv", utf8WithBom(csv), "coordinator");

        assertThat(job.status()).isEqualTo(RosterImports.Status.CHECKED);
        assertThat(job.totalRows()).isEqualTo(2);
        assertThat(job.validRows()).isEqualTo(2);
        assertThat(job.problems()).isEmpty();
        assertThat(job.preview()).extracting(RosterImports.PreviewRow::fullName).containsExactly("สมหญิง ใจงาม", "ประเสริฐ มั่นคง");

        assertThat(imports.importNow(org, job.id(), "coordinator")).isEqualTo(2);

        var roster = rosters.search(org, RosterQuery.all(), PageRequest.of(0, 10), "coordinator");
        assertThat(roster.getContent()).extracting(RosterEntry::fullName).containsExactlyInAnyOrder("สมหญิง ใจงาม", "ประเสริฐ มั่นคง");
        assertThat(roster.getContent()).allSatisfy(e -> assertThat(e.status()).isEqualTo(AffiliationStatus.APPROVED));
        assertThat(imports.job(org, job.id()).orElseThrow().status()).isEqualTo(RosterImports.Status.IMPORTED);
        assertThat(jdbc.sql("select count(*) = 0 from import_job_chunk where job_id = ?").param(job.id()).query(Boolean.class).single())
                .as("the uploaded file is not kept after the import").isTrue();
    }

    @Test
    void badRowsAreReportedByRowNumberAndStoreNothingUntilTheValidOnesAreChosen() {
        long before = volunteers();
        String csv = "full_name,phone,email,district_code,role_preference,availability\n"
                + "ดี มาก,0833330" + String.format("%03d", run) + ",good" + run + "@example.org,1001,station,all_day\n"
                + "<script>x</script>,0833331" + String.format("%03d", run) + ",bad" + run + "@example.org,1001,station,all_day\n"
                + "ไม่มี เขต,0833332" + String.format("%03d", run) + ",nodistrict" + run + "@example.org,9999,station,all_day\n"
                + "ซ้ำ อีเมล,0833333" + String.format("%03d", run) + ",good" + run + "@example.org,1001,station,all_day\n";

        var job = imports.checkNow(org, "roster.csv", csv.getBytes(StandardCharsets.UTF_8), "coordinator");

        assertThat(job.totalRows()).isEqualTo(4);
        assertThat(job.validRows()).isEqualTo(1);
        assertThat(job.problems()).containsExactly(new RowProblem(2, "fullName", "volunteer.name.invalid"),
                new RowProblem(3, "districtCode", "volunteer.district.unknown"), new RowProblem(4, "email", "import.duplicate-email"));
        assertThat(volunteers()).as("checking stores nothing").isEqualTo(before);

        assertThat(imports.importNow(org, job.id(), "coordinator")).isEqualTo(1);
        assertThat(volunteers()).isEqualTo(before + 1);
    }

    @Test
    void aFileThatIsNotUtf8OrLacksColumnsIsRefusedWhole() {
        String csv = "full_name,phone,email,district_code,role_preference,availability\nสมชาย,0811111111,a@b.co,1001,station,all_day\n";
        var tis620 = imports.checkNow(org, "excel.csv", csv.getBytes(Charset.forName("TIS-620")), "coordinator");
        assertThat(tis620.status()).isEqualTo(RosterImports.Status.FAILED);
        assertThat(tis620.problems()).extracting(RowProblem::code).containsExactly("import.encoding");

        var noColumns = imports.checkNow(org, "names.csv", "name\nสมชาย\n".getBytes(StandardCharsets.UTF_8), "coordinator");
        assertThat(noColumns.problems()).extracting(RowProblem::code).containsExactly("import.columns");
    }

    @Test
    void someoneKnownThroughAnotherOrganisationIsAskedByMailAndNothingOfThemIsShown() {
        String phone = "0844440" + String.format("%03d", run);
        String first = "full_name,phone,email,district_code,role_preference,availability\nคนเดิม หนึ่ง," + phone + ",same" + run + "@example.org,1001,station,all_day\n";
        var other = organisations.create(RegistryFixtures.anOrganisation("import-other-" + run)).id();
        imports.importNow(other, imports.checkNow(other, "a.csv", first.getBytes(StandardCharsets.UTF_8), "c").id(), "c");

        // A file that names the same phone with made-up details: the answer is the same as for a new person.
        String second = "full_name,phone,email,district_code,role_preference,availability\nชื่อใหม่ สอง," + phone + ",new" + run + "@example.org,5001,war_room,count_only\n";
        assertThat(imports.importNow(org, imports.checkNow(org, "b.csv", second.getBytes(StandardCharsets.UTF_8), "c").id(), "c")).isEqualTo(1);

        assertThat(jdbc.sql("select count(*) from volunteer where full_name in ('คนเดิม หนึ่ง', 'ชื่อใหม่ สอง')").query(Long.class).single())
                .as("one person, their details untouched").isEqualTo(1);
        assertThat(rosters.search(org, RosterQuery.all(), PageRequest.of(0, 10), "c").getContent())
                .as("nothing of them on the importing organisation's roster").isEmpty();
        assertThat(mail.last("same" + run + "@example.org").kind()).as("asked at the address on file").isEqualTo("added");

        // The same file again sends no second mail while the first link is open.
        int sent = mail.sent.size();
        imports.importNow(org, imports.checkNow(org, "b.csv", second.getBytes(StandardCharsets.UTF_8), "c").id(), "c");
        assertThat(mail.sent).hasSize(sent);

        signUps.confirmJoin(mail.token("same" + run + "@example.org")).orElseThrow();
        assertThat(rosters.search(org, RosterQuery.all(), PageRequest.of(0, 10), "c").getContent())
                .singleElement().satisfies(e -> {
                    assertThat(e.fullName()).isEqualTo("คนเดิม หนึ่ง");
                    assertThat(e.status()).as("they said yes; the coordinator decides").isEqualTo(AffiliationStatus.PENDING);
                });
    }
}

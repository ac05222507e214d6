package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.volunteers.RegistryFixtures.aVolunteer;
import static org.khanaen.volunteers.RegistryFixtures.anOrganisation;
import static org.khanaen.volunteers.RegistryFixtures.form;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@Import(RecordingMail.Config.class)
class ErasureTests {

    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    SignUps signUps;
    @Autowired
    SelfService self;
    @Autowired
    Rosters rosters;
    @Autowired
    RecordingMail mail;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    RetentionPurge retention;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RosterImports rosterImports;
    @Autowired
    Volunteers volunteers;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    /** Every text column of every table in the schema that still contains the value. */
    private List<String> whereStillReadable(String value) {
        List<String> found = new ArrayList<>();
        var columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where table_schema = database() and data_type in ('char','varchar','text','mediumtext','longtext','blob','mediumblob','longblob','varbinary','binary')""")
                .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
        for (String[] c : columns) {
            long hits = jdbc.sql("select count(*) from `" + c[0] + "` where cast(`" + c[1] + "` as char character set utf8mb4) like ?")
                    .param("%" + value + "%").query(Long.class).single();
            if (hits > 0) {
                found.add(c[0] + "." + c[1]);
            }
        }
        return found;
    }

    @Test
    void anErasedVolunteerLeavesNoPersonalFieldReadableAnywhere() {
        organisations.create(anOrganisation("erase-1"));
        var person = new VolunteerInput("ลบได้ ไม่เหลือ", "0867776655", "erase.me.please@example.org", "erase.me", "1001", "STATION", "ALL_DAY");
        signUps.signUp("erase-1", form(person));
        signUps.verify(mail.token(person.email()));
        var org = organisations.bySlug("erase-1").orElseThrow().id();
        var volunteer = rosters.search(org, RosterQuery.all(), PageRequest.of(0, 10), "coordinator").getContent().get(0).id();
        rosters.decide(org, volunteer, Rosters.Decision.APPROVE, "coordinator");
        rosters.note(org, volunteer, "โทรหาคุณลบได้ก่อน 5 โมง", "coordinator");
        var account = accounts.findForLogin(person.email()).orElseThrow().id();
        assertThat(whereStillReadable("ลบได้")).isNotEmpty(); // the search works

        self.erase(account);

        assertThat(whereStillReadable("ลบได้")).isEmpty();
        assertThat(whereStillReadable("erase.me")).isEmpty();
        assertThat(whereStillReadable("0867776655")).isEmpty();
        assertThat(whereStillReadable("+66867776655")).isEmpty();
        assertThat(jdbc.sql("select count(*) from volunteer where id = ? and pseudonym is not null and erased_at is not null")
                .param(volunteer.value()).query(Long.class).single()).as("the pseudonym stays for the reports").isEqualTo(1);
        assertThat(accounts.findForLogin(person.email())).isEmpty();
        assertThat(rosters.detail(org, volunteer, "coordinator")).isEmpty();
    }

    @Test
    void anImportedVolunteerLeavesNothingInTheImportJobsEither() {
        var org = organisations.create(anOrganisation("erase-2")).id();
        String csv = "full_name,phone,email,district_code,role_preference,availability\n"
                + "นำเข้า แล้วลบ,0865554433,imported.erase@example.org,1001,station,all_day\n";
        var checked = rosterImports.checkNow(org, "erase.csv", csv.getBytes(StandardCharsets.UTF_8), "coordinator");
        rosterImports.importNow(org, checked.id(), "coordinator");
        var volunteer = rosters.search(org, RosterQuery.all(), PageRequest.of(0, 10), "coordinator").getContent().get(0).id();

        transaction.executeWithoutResult(s -> self.erase(volunteers.findById(volunteer.value()).orElseThrow(), "coordinator"));

        assertThat(whereStillReadable("นำเข้า แล้วลบ")).isEmpty();
        assertThat(whereStillReadable("imported.erase")).isEmpty();
    }

    @Test
    void volunteersOfAnElectionLongPastAreErasedByTheRetentionPurge() {
        organisations.create(anOrganisation("erase-3"));
        signUps.signUp("erase-3", form(aVolunteer("เก่า มากแล้ว")));
        assertThat(whereStillReadable("เก่า มากแล้ว")).isNotEmpty();

        // th-2566 was on 14 May 2023; 180 days later its volunteers' data is due
        assertThat(retention.purge(LocalDate.of(2023, 11, 9))).as("not yet").isZero();
        assertThat(retention.purge(LocalDate.of(2026, 11, 22))).isPositive();

        assertThat(whereStillReadable("เก่า มากแล้ว")).isEmpty();
    }
}

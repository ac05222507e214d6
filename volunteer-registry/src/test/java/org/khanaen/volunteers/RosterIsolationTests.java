package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.volunteers.RegistryFixtures.aVolunteer;
import static org.khanaen.volunteers.RegistryFixtures.anOrganisation;
import static org.khanaen.volunteers.RegistryFixtures.form;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Organisation A reaches none of organisation B's volunteers, through any roster operation. */
@SpringBootTest
@Import(RecordingMail.Config.class)
class RosterIsolationTests {

    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    SignUps signUps;
    @Autowired
    Rosters rosters;
    @Autowired
    RosterImports imports;
    @Autowired
    JdbcClient jdbc;

    static int run;
    OrganisationId a;
    OrganisationId b;
    VolunteerId ofB;
    String nameOfB;

    @BeforeEach
    void aVolunteerOfEach() {
        run++;
        a = organisations.create(anOrganisation("iso-a-" + run)).id();
        b = organisations.create(anOrganisation("iso-b-" + run)).id();
        signUps.signUp("iso-a-" + run, form(aVolunteer("อาสาเอ หนึ่ง")));
        nameOfB = "อาสาบี สอง" + "ก".repeat(run);
        var volunteerOfB = aVolunteer(nameOfB);
        signUps.signUp("iso-b-" + run, form(volunteerOfB));
        ofB = new VolunteerId(jdbc.sql("select id from volunteer where full_name = ?").param(nameOfB).query(Long.class).single());
    }

    @Test
    void searchingNeverFindsAnotherOrganisationsVolunteer() {
        assertThat(rosters.search(a, RosterQuery.all(), PageRequest.of(0, 1000), "coordinator-a").getContent())
                .extracting(RosterEntry::id).doesNotContain(ofB);
        assertThat(rosters.search(a, new RosterQuery(nameOfB, null, null, null, null, null), PageRequest.of(0, 10), "coordinator-a"))
                .isEmpty();
        assertThat(rosters.search(b, new RosterQuery(nameOfB, null, null, null, null, null), PageRequest.of(0, 10), "coordinator-b"))
                .extracting(RosterEntry::id).containsExactly(ofB);
    }

    @Test
    void readingDecidingAndNotingAnotherOrganisationsVolunteerFindsNothingAndChangesNothing() {
        assertThat(rosters.detail(a, ofB, "coordinator-a")).isEmpty();
        for (Rosters.Decision decision : Rosters.Decision.values()) {
            assertThat(rosters.decide(a, ofB, decision, "coordinator-a")).isFalse();
        }
        assertThat(rosters.note(a, ofB, "mine now", "coordinator-a")).isFalse();

        var asSeenByB = rosters.detail(b, ofB, "coordinator-b").orElseThrow();
        assertThat(asSeenByB.status()).isEqualTo(AffiliationStatus.PENDING);
        assertThat(asSeenByB.note()).isNull();
    }

    @Test
    void exportingContainsOnlyTheOrganisationsOwn() throws Exception {
        var csv = new StringWriter();
        rosters.export(a, RosterQuery.all(), csv, "coordinator-a");

        assertThat(csv.toString()).doesNotContain(nameOfB);
    }

    @Test
    void anotherOrganisationsImportJobCannotBeSeenImportedOrCancelled() {
        String file = "full_name,phone,email,district_code,role_preference,availability\nนาย ทดสอบ,0899999" + String.format("%03d", run)
                + ",import" + run + "@example.org,1001,station,all_day\n";
        var jobOfB = imports.checkNow(b, "b.csv", file.getBytes(StandardCharsets.UTF_8), "coordinator-b");

        assertThat(imports.job(a, jobOfB.id())).isEmpty();
        imports.cancel(a, jobOfB.id());
        assertThat(imports.job(b, jobOfB.id()).orElseThrow().status()).isEqualTo(RosterImports.Status.CHECKED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.importValidRows(a, jobOfB.id(), "coordinator-a"))
                .isInstanceOf(RegistryProblem.class);
    }
}

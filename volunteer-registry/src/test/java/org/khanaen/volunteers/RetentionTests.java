package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.volunteers.RegistryFixtures.aVolunteer;
import static org.khanaen.volunteers.RegistryFixtures.anOrganisation;
import static org.khanaen.volunteers.RegistryFixtures.form;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@Import(RecordingMail.Config.class)
class RetentionTests {

    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    SignUps signUps;
    @Autowired
    SelfService self;
    @Autowired
    Volunteers volunteers;
    @Autowired
    PersonalDataRetention retention;
    @Autowired
    RetentionPurge nightlyPurge;
    @Autowired
    DatabaseLoad load;
    @Autowired
    ElectionCatalog elections;
    @Autowired
    ElectionImports imports;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    private final LocalDate today = LocalDate.now(PersonalDataRetention.BANGKOK);

    @AfterEach
    void noPostponementOutlivesItsTest() {
        jdbc.sql("delete from retention_postponement").update();
    }

    @Test
    void thePurgeErasesInBatchesOfTheConfiguredSizeAndLeavesAPostponedElectionAlone() throws IOException {
        // both elections are long past their 180 days: th-2566 on 14 May 2023, bkk-2565-example on 22 May 2022
        if (!elections.exists("bkk-2565-example")) {
            imports.importFile("bkk-2565-example.json", Files.readAllBytes(Path.of("../docs/examples/bkk-2565-example.json")));
        }
        organisations.create(anOrganisation("retention-1"));
        List<Long> bangkok = new ArrayList<>();
        for (String name : List.of("หนึ่ง", "สอง", "สาม", "สี่", "ห้า")) {
            bangkok.add(signUp("retention-1", "กรุงเทพ " + name));
        }
        jdbc.sql("update volunteer set registered_for_election = 'bkk-2565-example' where id in (:ids)").param("ids", bangkok).update();
        long kept = signUp("retention-1", "รอ ศาลตัดสิน");
        retention.postpone("th-2566", today.plusDays(30), "recount ordered by the court", "admin");
        var counted = new ErasuresPerTransaction(transactions, jdbc);
        var purge = new RetentionPurge(jdbc, volunteers, self, retention,
                new RetentionProperties(true, "0 30 3 * * *", 2, Duration.ZERO, Duration.ofSeconds(5)), counted, load);

        purge.purge(today);

        assertThat(counted.erased).as("volunteers erased by each transaction").containsExactly(2L, 2L, 1L);
        assertThat(bangkok).allMatch(this::erased);
        assertThat(erased(kept)).as("th-2566 is postponed").isFalse();
        assertThat(jdbc.sql("select count(*) from personal_data_audit where action = 'POSTPONE_ERASURE' and actor = 'admin' and detail like ?")
                .param("%th-2566%recount ordered by the court%").query(Long.class).single()).isEqualTo(1);

        purge.purge(today.plusDays(31));

        assertThat(erased(kept)).as("the day after the postponement").isTrue();
    }

    @Test
    void withTheDevelopmentDefaultTheNightlyRunErasesNothing() {
        organisations.create(anOrganisation("retention-2"));
        long trying = signUp("retention-2", "ลองใช้ ดูก่อน");

        nightlyPurge.nightly(); // th-2566 was 14 May 2023, far more than 180 days ago

        assertThat(erased(trying)).isFalse();
    }

    private long signUp(String organisation, String name) {
        signUps.signUp(organisation, form(aVolunteer(name)));
        return jdbc.sql("select id from volunteer where full_name = ?").param(name).query(Long.class).single();
    }

    private boolean erased(long volunteer) {
        return jdbc.sql("select erased_at is not null from volunteer where id = ?").param(volunteer).query(Boolean.class).single();
    }

    /** The purge's transactions, each with how many volunteers it erased. */
    static class ErasuresPerTransaction extends TransactionTemplate {

        final List<Long> erased = new ArrayList<>();
        private final JdbcClient jdbc;

        ErasuresPerTransaction(PlatformTransactionManager transactions, JdbcClient jdbc) {
            super(transactions);
            this.jdbc = jdbc;
        }

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            long before = erasedSoFar();
            T result = super.execute(action);
            erased.add(erasedSoFar() - before);
            return result;
        }

        private long erasedSoFar() {
            return jdbc.sql("select count(*) from volunteer where erased_at is not null").query(Long.class).single();
        }
    }
}

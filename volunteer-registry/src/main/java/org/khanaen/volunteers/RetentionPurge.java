package org.khanaen.volunteers;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.volunteers.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PDPA retention: a configurable time after the election a volunteer was recruited for, their
 * personal data is erased. Nightly, in batches; erasing twice does nothing, so two nodes may both run it.
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final JdbcClient jdbc;
    private final ElectionCatalog elections;
    private final PersonalData personalData;
    private final Volunteers volunteers;
    private final SelfService erasure;
    private final TransactionTemplate transaction;

    RetentionPurge(JdbcClient jdbc, ElectionCatalog elections, PersonalData personalData, Volunteers volunteers,
            SelfService erasure, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.personalData = personalData;
        this.volunteers = volunteers;
        this.erasure = erasure;
        this.transaction = transaction;
    }

    @Scheduled(cron = "${khanaen.personal-data.purge-cron:0 30 3 * * *}", zone = "Asia/Bangkok")
    void nightly() {
        purge(LocalDate.now(BANGKOK));
    }

    /** @return how many volunteers were erased */
    int purge(LocalDate today) {
        int erased = 0;
        for (var election : elections.elections()) {
            if (!election.date().plusDays(personalData.retention().toDays()).isBefore(today)) {
                continue;
            }
            List<Long> due;
            do {
                due = jdbc.sql("select id from volunteer where registered_for_election = ? and erased_at is null limit 500")
                        .param(election.id()).query(Long.class).list();
                List<Long> batch = due;
                transaction.executeWithoutResult(status -> volunteers.findAllById(batch)
                        .forEach(v -> erasure.erase(v, "retention:" + election.id())));
                erased += due.size();
            } while (!due.isEmpty());
        }
        if (erased > 0) {
            log.info("Retention: erased the personal data of {} volunteers", erased);
        }
        return erased;
    }
}

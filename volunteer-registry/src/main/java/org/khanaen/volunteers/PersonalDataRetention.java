package org.khanaen.volunteers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PDPA retention: a configurable time after the election a volunteer was recruited for, their personal data is
 * erased by the nightly purge, unless an administrator postponed it for that election. Announced ahead, so that
 * erasure never comes as a surprise.
 */
@Service
@EnableConfigurationProperties(RetentionProperties.class)
public class PersonalDataRetention {

    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    /** A postponement is a pause for a reason (a court case, a recount), not a way out of the retention period. */
    static final int LONGEST_POSTPONEMENT_DAYS = 366;

    private final ElectionCatalog elections;
    private final PersonalData personalData;
    private final RetentionPostponements postponements;
    private final RetentionProperties properties;
    private final PersonalDataAudit audit;
    private final JdbcClient jdbc;

    PersonalDataRetention(ElectionCatalog elections, PersonalData personalData, RetentionPostponements postponements,
            RetentionProperties properties, PersonalDataAudit audit, JdbcClient jdbc) {
        this.elections = elections;
        this.personalData = personalData;
        this.postponements = postponements;
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public RetentionOutlook outlook() {
        ZonedDateTime now = ZonedDateTime.now(BANGKOK);
        CronExpression runs = CronExpression.parse(properties.cron());
        Map<String, Long> holding = jdbc.sql("""
                select registered_for_election, count(*) from volunteer
                where registered_for_election is not null and erased_at is null group by registered_for_election""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<RetentionOutlook.Due> due = elections.elections().stream().filter(e -> holding.containsKey(e.id()))
                .map(e -> {
                    var postponement = postponements.of(e.id()).orElse(null);
                    LocalDate lastKept = postponement == null || postponement.until().isBefore(keptUntil(e)) ? keptUntil(e)
                            : postponement.until();
                    ZonedDateTime firstAllowed = lastKept.plusDays(1).atStartOfDay(BANGKOK);
                    ZonedDateTime erasedFrom = runs.next((firstAllowed.isAfter(now) ? firstAllowed : now).minusNanos(1));
                    return new RetentionOutlook.Due(e, holding.get(e.id()), keptUntil(e), erasedFrom, postponement);
                })
                .sorted(Comparator.comparing(RetentionOutlook.Due::erasedFrom)).toList();
        return new RetentionOutlook(properties.enabled(), personalData.retention(), runs.next(now), due);
    }

    /** Keeps the election's volunteers through {@code until} (Bangkok date); audited. Replaces an earlier postponement. */
    @Transactional
    public RetentionPostponement postpone(String electionId, LocalDate until, String reason, String by) {
        if (!elections.exists(electionId)) {
            throw new RegistryProblem("retention.election.unknown", "election", "no election " + electionId);
        }
        LocalDate today = LocalDate.now(BANGKOK);
        if (until == null || !until.isAfter(today)) {
            throw new RegistryProblem("retention.until.past", "until", "a postponement ends after today");
        }
        if (until.isAfter(today.plusDays(LONGEST_POSTPONEMENT_DAYS))) {
            throw new RegistryProblem("retention.until.too-far", "until", "a postponement lasts a year at most");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new RegistryProblem("retention.reason.missing", "reason", "a postponement needs a reason (500 characters at most)");
        }
        var postponement = new RetentionPostponement(electionId, until, reason.strip(), by, Instant.now());
        postponements.save(postponement);
        audit.record(by, PersonalDataAudit.Action.POSTPONE_ERASURE, null, null,
                "retention of " + electionId + " postponed until " + until + ": " + postponement.reason());
        return postponement;
    }

    /** The elections whose volunteers a run on this day erases. */
    List<ElectionSummary> dueOn(LocalDate day) {
        return elections.elections().stream().filter(e -> keptUntil(e).isBefore(day) && !postponedOn(e.id(), day)).toList();
    }

    boolean postponedOn(String electionId, LocalDate day) {
        return postponements.of(electionId).map(p -> !p.until().isBefore(day)).orElse(false);
    }

    private LocalDate keptUntil(ElectionSummary election) {
        return election.date().plusDays(personalData.retention().toDays());
    }
}

package org.khanaen.results;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.khanaen.results.checks.CheckContext.Tolerances;
import org.khanaen.results.checks.ElectionRules;
import org.khanaen.results.checks.ElectionRules.VerifiedBy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code khanaen.results}: how long a verifier's claim lasts, and the rules per election (anything an
 * election leaves out comes from {@code defaults}, and what those leave out from the built-in values).
 */
@ConfigurationProperties("khanaen.results")
record ResultsProperties(@DefaultValue("5m") Duration claimFor, Rules defaults, Map<String, Rules> elections) {

    /** Each value may be left out. */
    record Rules(Set<VerifiedBy> verifiedBy, Double overRegistered, Long ballotSurplus, Long majorPartyMinValid,
            Set<Integer> majorParties, Double closeRace) {
    }

    private static final Rules BUILT_IN = new Rules(EnumSet.allOf(VerifiedBy.class), Tolerances.DEFAULT.overRegistered(),
            Tolerances.DEFAULT.ballotSurplus(), Tolerances.DEFAULT.majorPartyMinValid(), Set.of(), 0.05);

    ResultsProperties {
        if (claimFor == null || claimFor.isNegative() || claimFor.isZero() || claimFor.toHours() > 12) {
            throw new IllegalStateException("khanaen.results.claim-for must be between a second and 12 hours");
        }
        defaults = defaults == null ? BUILT_IN : merge(defaults, BUILT_IN);
        elections = elections == null ? Map.of() : Map.copyOf(elections);
        elections.values().forEach(r -> rules(r, BUILT_IN)); // fail at start-up, not on election night
    }

    ElectionRules rulesFor(String electionId) {
        return rules(Optional.ofNullable(elections.get(electionId)).orElse(defaults), defaults);
    }

    private static ElectionRules rules(Rules r, Rules fallback) {
        Rules m = merge(r, fallback);
        return new ElectionRules(m.verifiedBy(), new Tolerances(m.overRegistered(), m.ballotSurplus(), m.majorPartyMinValid()),
                m.majorParties(), m.closeRace());
    }

    private static Rules merge(Rules r, Rules fallback) {
        return new Rules(or(r.verifiedBy(), fallback.verifiedBy()), or(r.overRegistered(), fallback.overRegistered()),
                or(r.ballotSurplus(), fallback.ballotSurplus()), or(r.majorPartyMinValid(), fallback.majorPartyMinValid()),
                or(r.majorParties(), fallback.majorParties()), or(r.closeRace(), fallback.closeRace()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

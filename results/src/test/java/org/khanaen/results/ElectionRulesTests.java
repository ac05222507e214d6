package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.results.ResultsProperties.Rules;
import org.khanaen.results.checks.CheckContext.Tolerances;
import org.khanaen.results.checks.ElectionRules;
import org.khanaen.results.checks.ElectionRules.VerifiedBy;

/** Per-election rules: what an election leaves out comes from the defaults; close races by share of the leader's votes. */
class ElectionRulesTests {

    @Test
    void anElectionsRulesFallBackToTheDefaultsValueByValue() {
        var properties = new ResultsProperties(Duration.ofMinutes(5),
                new Rules(null, 0.01, null, null, null, null),
                Map.of("by-election", new Rules(Set.of(VerifiedBy.LEAD), null, 3L, null, Set.of(29, 31), 0.1)));

        ElectionRules byElection = properties.rulesFor("by-election");
        assertThat(byElection.verifiedBy()).containsExactly(VerifiedBy.LEAD);
        assertThat(byElection.tolerances()).isEqualTo(new Tolerances(0.01, 3, Tolerances.DEFAULT.majorPartyMinValid()));
        assertThat(byElection.majorParties()).containsExactlyInAnyOrder(29, 31);
        assertThat(byElection.closeRace()).isEqualTo(0.1);

        ElectionRules other = properties.rulesFor("th-2566");
        assertThat(other.verifiedBy()).containsExactlyInAnyOrder(VerifiedBy.AGREEMENT, VerifiedBy.LEAD);
        assertThat(other.tolerances().overRegistered()).isEqualTo(0.01);
        assertThat(other.majorParties()).isEmpty();
    }

    @Test
    void impossibleRulesStopTheStartNotTheElectionNight() {
        assertThatThrownBy(() -> new ResultsProperties(Duration.ofMinutes(5), null,
                Map.of("x", new Rules(null, 0.9, null, null, null, null)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultsProperties(Duration.ZERO, null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRaceIsCloseWhenTheRunnerUpTrailsByLessThanTheShare() {
        assertThat(CloseRaces.isClose(Map.of(1, 1000L, 2, 960L, 3, 5L), 0.05)).isTrue();
        assertThat(CloseRaces.isClose(Map.of(1, 1000L, 2, 950L), 0.05)).isFalse();
        assertThat(CloseRaces.isClose(Map.of(1, 700L, 2, 700L), 0.05)).isTrue();
        assertThat(CloseRaces.isClose(Map.of(1, 0L, 2, 0L), 0.05)).isFalse();
    }
}

package org.khanaen.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which page each role lands on after signing in (issue 25), without Spring. */
class RoleLandingTests {

    @Test
    void eachRoleHasItsPageAndTheMostSpecificWorkWins() {
        assertThat(RoleLanding.landing(List.of("ROLE_VOLUNTEER"))).isEqualTo("/me");
        assertThat(RoleLanding.landing(List.of("ROLE_ORG_COORDINATOR"))).isEqualTo("/org");
        assertThat(RoleLanding.landing(List.of("ROLE_SPONSOR"))).isEqualTo("/sponsor");
        assertThat(RoleLanding.landing(List.of("ROLE_VOLUNTEER", "ROLE_CONSTITUENCY_LEAD"))).isEqualTo("/lead");
        assertThat(RoleLanding.landing(List.of("ROLE_VOLUNTEER", "ROLE_ADMIN"))).isEqualTo("/admin/elections");
        assertThat(RoleLanding.landing(List.of())).isEqualTo("/");
    }
}

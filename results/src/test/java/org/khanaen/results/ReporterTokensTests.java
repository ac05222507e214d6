package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A volunteer's API token: shown once, kept as its hash, one per volunteer, replaced and revoked at once. */
@SpringBootTest
class ReporterTokensTests {

    @Autowired ReporterTokens tokens;
    @Autowired JdbcClient jdbc;

    @Test
    void aTokenNamesItsVolunteerIsStoredOnlyAsItsHashAndANewOneReplacesIt() {
        VolunteerId somchai = new VolunteerId(910_001);
        String first = tokens.issue(somchai);

        assertThat(first).startsWith("khv_").hasSizeGreaterThan(40);
        assertThat(tokens.volunteerOf(first)).contains(somchai);
        assertThat(tokens.volunteerOf(first)).contains(somchai); // remembered, same answer
        assertThat(jdbc.sql("select token_hash from reporter_token where volunteer_id = ?").param(somchai.value()).query(String.class).single())
                .isEqualTo(ReporterTokens.hash(first)).doesNotContain(first);
        assertThat(tokens.issuedAt(somchai)).isPresent();

        String second = tokens.issue(somchai);
        assertThat(tokens.volunteerOf(first)).isEmpty();
        assertThat(tokens.volunteerOf(second)).contains(somchai);

        tokens.revoke(somchai);
        assertThat(tokens.volunteerOf(second)).isEmpty();
        assertThat(tokens.issuedAt(somchai)).isEmpty();
    }

    @Test
    void allTokensReadAtOnceStillGiveWayToAReplacementOrARevocation() {
        VolunteerId malee = new VolunteerId(910_002);
        VolunteerId dao = new VolunteerId(910_003);
        String maleeFirst = tokens.issue(malee);
        String daos = tokens.issue(dao);
        assertThat(tokens.volunteerOf(maleeFirst)).contains(malee); // tokens are in use: the refresh reads them all

        assertThat(tokens.refresh()).isGreaterThanOrEqualTo(2);
        assertThat(tokens.volunteerOf(daos)).contains(dao);

        String maleeSecond = tokens.issue(malee);
        assertThat(tokens.volunteerOf(maleeFirst)).isEmpty();
        assertThat(tokens.refresh()).isGreaterThanOrEqualTo(2);
        assertThat(tokens.volunteerOf(maleeFirst)).isEmpty();
        assertThat(tokens.volunteerOf(maleeSecond)).contains(malee);

        tokens.revoke(dao);
        tokens.refresh();
        assertThat(tokens.volunteerOf(daos)).isEmpty();
    }

    @Test
    void anythingElseNamesNobody() {
        assertThat(tokens.volunteerOf(null)).isEmpty();
        assertThat(tokens.volunteerOf("khn_an-organisation-token")).isEmpty();
        assertThat(tokens.volunteerOf("khv_" + "x".repeat(200))).isEmpty();
        assertThat(tokens.volunteerOf("khv_never-issued")).isEmpty();
    }
}

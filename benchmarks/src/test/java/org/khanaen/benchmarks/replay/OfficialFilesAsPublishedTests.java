package org.khanaen.benchmarks.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ect.EctPartyFile;
import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.OfficialResults;
import org.khanaen.results.OfficialResults.Contradiction;
import org.khanaen.results.checks.CheckContext.Tolerances;

import tools.jackson.databind.json.JsonMapper;

/**
 * The commission's files are taken as published: a small file with each kind of contradiction is read, planned for a
 * replay without stopping, and every contradiction is listed with where, what and by how much.
 */
class OfficialFilesAsPublishedTests {

    private final JsonMapper json = JsonMapper.builder().build();

    /** One constituency: candidates 1 and 2 make 900 votes where the file says 901 valid; parties 705 and 709 make 1,000 where it says 998. */
    private static final String RESULTS = """
            {"last_update": "2023-05-24T21:22+0700", "result_province": [{"prov_id": "ACR", "constituencies": [{
              "cons_id": "ACR_1", "valid_votes": 901, "invalid_votes": 40, "blank_votes": 10,
              "party_list_valid_votes": 998, "party_list_invalid_votes": 30, "party_list_blank_votes": 5,
              "candidates": [{"mp_app_id": "ACR_1_1", "mp_app_vote": 500.0, "party_id": 705, "mp_app_rank": 1},
                             {"mp_app_id": "ACR_1_2", "mp_app_vote": 400.0, "party_id": 709, "mp_app_rank": 2}],
              "result_party": [{"party_id": 705, "party_list_vote": 600}, {"party_id": 709, "party_list_vote": 400}]}]}]}
            """;

    /** Party 705: a national party-list vote 2 above its constituencies', a constituency vote 1 below its candidates'. */
    private static final String PARTIES = """
            {"result_party": [
              {"party_id": 705, "party_vote": 602.0, "party_list_count": 0.0, "mp_app_vote": 499.0, "first_mp_app_count": 1,
               "candidates": [{"mp_app_id": "ACR_1_1", "mp_app_vote": 500.0, "party_id": 705, "mp_app_rank": 1}]},
              {"party_id": 709, "party_vote": 400.0, "party_list_count": 0.0, "mp_app_vote": 400.0, "first_mp_app_count": 0,
               "candidates": [{"mp_app_id": "ACR_1_2", "mp_app_vote": 400.0, "party_id": 709, "mp_app_rank": 2}]}]}
            """;

    private EctResults results() throws Exception {
        return EctResults.read(new ByteArrayInputStream(RESULTS.getBytes(StandardCharsets.UTF_8)), json);
    }

    @Test
    void aResultsFileThatDoesNotAddUpIsReadAsWritten() throws Exception {
        EctResults file = results();

        assertThat(file.constituencies().getFirst().candidates().valid()).isEqualTo(901);
        assertThat(file.constituencies().getFirst().partyList().valid()).isEqualTo(998);
    }

    @Test
    void theReplayPlansAFileThatDoesNotAddUpAndListsWhereItDoesNot() throws Exception {
        var stations = Map.of("ACR_1", List.of(new Replay.Station(1, "ACR_1", 600, List.of("a", "b")),
                new Replay.Station(2, "ACR_1", 500, List.of("c", "d"))));

        Replay.Plan plan = new Replay(json).plan(results(), stations, Map.of("705", 1, "709", 2), Set.of(), Tolerances.DEFAULT, false);

        assertThat(plan.sends()).hasSize(2 * 2 * 2);
        assertThat(plan.contradictions()).containsExactly(
                new Contradiction("ACR_1", "constituency", Contradiction.VOTES_SUM, 901, 900),
                new Contradiction("ACR_1", "party-list", Contradiction.VOTES_SUM, 998, 1_000));
    }

    @Test
    void thePartyFileIsComparedWithItselfAndWithTheResultsFilePartyByParty() throws Exception {
        EctPartyFile parties = EctPartyFile.read(new ByteArrayInputStream(PARTIES.getBytes(StandardCharsets.UTF_8)), json);

        List<Contradiction> contradictions = parties.comparisons(results()).stream()
                .flatMap(c -> OfficialResults.totalsContradictions(c.contest(), c.written(), c.sums()).stream()).toList();

        assertThat(contradictions).containsExactly(
                new Contradiction("705", "party-list", Contradiction.PARTY_TOTAL, 602, 600),
                new Contradiction("705", "constituency", Contradiction.PARTY_TOTAL, 499, 500));
    }
}

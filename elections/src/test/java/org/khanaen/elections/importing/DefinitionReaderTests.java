package org.khanaen.elections.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.elections.ImportProblem;
import org.khanaen.elections.importing.ElectionDefinition.Generated;

class DefinitionReaderTests {

    private static ElectionDefinition read(String json) {
        return DefinitionReader.read(new SourceFile("test.json", json.getBytes(StandardCharsets.UTF_8)), new Problems());
    }

    private static final String SMALLEST = """
            {"format": "khanaen-election/1", "id": "mayor-2570", "name": {"th": "เลือกตั้งนายกเทศมนตรี"}, "kind": "LOCAL",
             "date": "2027-03-01",
             "provinces": [{"code": "CMI", "name": {"th": "เชียงใหม่", "en": "Chiang Mai"}, "latitude": 18.79, "longitude": 98.98}],
             "constituencies": [{"code": "CMI-1", "number": 1, "province": "CMI", "registered_voters": 120000}],
             "contests": [{"code": "mayor", "name": {"th": "นายกเทศมนตรี"}, "scope": "ELECTION", "ballot": "CANDIDATE",
                           "seats": 1, "seat_rule": "PLURALITY"}],
             "station_generation": {"seed": 7, "voters_per_station": 600}}
            """;

    @Test
    void theSmallestElectionNeedsNoDistrictsPartiesOrCandidatesYet() {
        var election = read(SMALLEST);

        assertThat(election.id()).isEqualTo("mayor-2570");
        assertThat(election.nameEn()).as("English falls back to Thai").isEqualTo("เลือกตั้งนายกเทศมนตรี");
        assertThat(election.contests().get(0).scope()).isEqualTo(ContestScope.ELECTION);
        assertThat(election.districts()).isEmpty();
        assertThat(election.candidates()).isEmpty();
        assertThat(((Generated) election.stations()).votersPerStation()).isEqualTo(600);

        DefinitionValidator.validate(election, new Problems());
        var stations = StationGenerator.generate(election, (Generated) election.stations(), new Problems());
        assertThat(stations).hasSize(200).allSatisfy(s -> assertThat(s.districtCode()).isNull());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        String bad = SMALLEST.replace("\"kind\": \"LOCAL\"", "\"kind\": \"MUNICIPAL\"")
                .replace("\"date\": \"2027-03-01\"", "\"date\": \"1 March 2027\"")
                .replace("\"seats\": 1", "\"seats\": \"one\"");

        var failure = catchThrowableOfType(ElectionImportFailed.class, () -> read(bad));

        assertThat(failure.problems()).extracting(ImportProblem::toString).containsExactly(
                "test.json: field \"kind\" must be one of [GENERAL, LOCAL, OTHER], not \"MUNICIPAL\"",
                "test.json: field \"date\" must be a date like 2023-05-14, not \"1 March 2027\"",
                "test.json, contests, record 1 (code \"mayor\"): field \"seats\" must be a whole number, not \"one\"");
    }

    @Test
    void anotherFormatIsRefusedByName() {
        var failure = catchThrowableOfType(ElectionImportFailed.class, () -> read("{\"format\": \"ect-2566\"}"));

        assertThat(failure.problems()).singleElement()
                .hasToString("test.json: field \"format\" must be \"khanaen-election/1\", not \"ect-2566\"");
    }
}

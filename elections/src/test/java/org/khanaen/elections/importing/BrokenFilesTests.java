package org.khanaen.elections.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.elections.ImportProblem;
import org.khanaen.elections.ect.EctBundleReader;

class BrokenFilesTests {

    private static final String CONSTITUENCIES = "th_election66_info_constituency.json";

    private static Map<String, SourceFile> withFile(String name, byte[] content) {
        Map<String, SourceFile> files = ReferenceBundles.th2566();
        files.put(name, new SourceFile(name, content));
        return files;
    }

    private static String text(String name) {
        return new String(ReferenceBundles.th2566().get(name).content(), StandardCharsets.UTF_8);
    }

    private static ImportProblem onlyProblem(Map<String, SourceFile> files) {
        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(ElectionImportFailed.class,
                () -> EctBundleReader.read(files, new Problems()));
        assertThat(failure).as("the import must fail").isNotNull();
        assertThat(failure.problems()).hasSize(1);
        return failure.problems().get(0);
    }

    @Test
    void aMissingFieldIsNamedWithItsFileAndRecord() {
        String broken = text(CONSTITUENCIES).replaceFirst("\"registered_vote\":127532", "\"voters\":127532");

        var problem = onlyProblem(withFile(CONSTITUENCIES, broken.getBytes(StandardCharsets.UTF_8)));

        assertThat(problem.file()).isEqualTo(CONSTITUENCIES);
        assertThat(problem.record()).isEqualTo("record 2 (cons_id \"SPK_1\")");
        assertThat(problem.message()).isEqualTo("missing field \"registered_vote\"");
    }

    @Test
    void anUnknownProvinceIsNamed() {
        String broken = text(CONSTITUENCIES).replaceFirst("\"prov_id\":\"SPK\"", "\"prov_id\":\"XYZ\"");

        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(ElectionImportFailed.class, () -> {
            var definition = EctBundleReader.read(withFile(CONSTITUENCIES, broken.getBytes(StandardCharsets.UTF_8)), new Problems());
            DefinitionValidator.validate(definition, new Problems());
        });

        assertThat(failure.problems()).extracting(ImportProblem::toString)
                .contains(CONSTITUENCIES + ", record 2 (cons_id \"SPK_1\"): unknown province \"XYZ\"");
    }

    @Test
    void aFileInAnotherEncodingIsRefusedNotMangled() {
        byte[] thaiInTis620 = text(CONSTITUENCIES).getBytes(Charset.forName("TIS-620"));

        var problem = onlyProblem(withFile(CONSTITUENCIES, thaiInTis620));

        assertThat(problem.file()).isEqualTo(CONSTITUENCIES);
        assertThat(problem.message()).startsWith("not valid UTF-8 text (bad bytes at byte offset ");
    }

    @Test
    void aFileThatIsNotJsonSaysWhere() {
        var problem = onlyProblem(withFile(CONSTITUENCIES, "[{\"cons_id\": \"BKK_1\",,]".getBytes(StandardCharsets.UTF_8)));

        assertThat(problem.message()).startsWith("not valid JSON").contains("line 1");
    }

    @Test
    void aMissingFileIsNamed() {
        Map<String, SourceFile> files = ReferenceBundles.th2566();
        files.remove("th_election66_info_mp_candidate.json");

        assertThat(onlyProblem(files)).hasToString("th_election66_info_mp_candidate.json: file missing from the bundle");
    }

    @Test
    void aBrokenCsvRowIsNamedByItsLine() {
        String districts = text("districts.csv").replaceFirst("\n1002,10,", "\n1002,99,");

        var problem = onlyProblem(withFile("districts.csv", districts.getBytes(StandardCharsets.UTF_8)));

        assertThat(problem).hasToString("districts.csv, line 3 (district_code \"1002\"): unknown province \"99\"");
    }

    @Test
    void aDuplicateBallotNumberInAConstituencyIsRefused() {
        String candidates = text("th_election66_info_mp_candidate.json")
                .replaceFirst("\"mp_app_id\": \"NST_8_5\", \"mp_app_no\": 5", "\"mp_app_id\": \"NST_8_4\", \"mp_app_no\": 4");

        assertThatThrownBy(() -> DefinitionValidator.validate(EctBundleReader.read(
                withFile("th_election66_info_mp_candidate.json", candidates.getBytes(StandardCharsets.UTF_8)), new Problems()), new Problems()))
                .isInstanceOf(ElectionImportFailed.class)
                .hasMessageContaining("th_election66_info_mp_candidate.json, record ").hasMessageContaining("(mp_app_id \"NST_8_4\")")
                .hasMessageContaining("ballot number 4 is used twice in NST_8");
    }
}

package org.khanaen.elections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The 2023 election is loaded at start-up (khanaen.elections.autoload), as on the embedded default. */
@SpringBootTest(properties = "khanaen.elections.autoload=th-2566")
class ElectionImportTests {

    @Autowired
    ElectionCatalog catalog;
    @Autowired
    ElectionImports imports;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the2023ElectionIsLoadedWithItsFullReferenceData() {
        var election = catalog.election("th-2566").orElseThrow();

        assertThat(election.counts().provinces()).isEqualTo(77);
        assertThat(election.counts().constituencies()).isEqualTo(400);
        assertThat(election.counts().districts()).as("929 rows in districts.csv, 9101 twice").isEqualTo(928);
        assertThat(election.counts().registeredVoters()).isEqualTo(52_195_920L);
        assertThat(election.counts().parties()).isEqualTo(70);
        assertThat(election.counts().candidates()).isEqualTo(4_781);
        assertThat(election.counts().stations()).isBetween(92_150L, 97_850L);
        assertThat(election.contests()).extracting(ContestView::code).containsExactly("constituency", "party-list");
        assertThat(election.contests().get(1).seats()).isEqualTo(100);
    }

    @Test
    void aConstituencyComesWithItsZonesCandidatesAndStations() {
        var bkk1 = catalog.constituency("th-2566", "BKK_1").orElseThrow();

        assertThat(bkk1.province().code()).isEqualTo("BKK");
        assertThat(bkk1.registeredVoters()).isEqualTo(137_554);
        assertThat(bkk1.zones()).extracting(z -> z.district().name().th()).containsExactly("ดุสิต", "บางรัก", "ป้อมปราบศัตรูพ่าย", "พระนคร", "สัมพันธวงศ์");
        assertThat(bkk1.zones().get(0).partial()).isTrue();
        assertThat(bkk1.candidates()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.constituency()).isEqualTo("BKK_1");
            assertThat(c.contest()).isEqualTo("constituency");
        });
        assertThat(bkk1.stations()).hasSize(250).allSatisfy(s -> assertThat(s.constituency()).isEqualTo("BKK_1"));
        assertThat(bkk1.stations().stream().mapToLong(StationView::registeredVoters).sum()).isEqualTo(137_554);
    }

    @Test
    void stationsArePagedInBallotAreaOrder() {
        var first = catalog.stations("th-2566", Optional.of("BKK_1"), PageRequest.of(0, 100));

        assertThat(first.getTotalElements()).isEqualTo(250);
        assertThat(first.getContent()).hasSize(100);
        assertThat(first.getContent().get(0).code()).isEqualTo("BKK_1-001");
        assertThat(catalog.station(first.getContent().get(0).id())).hasValueSatisfying(s -> assertThat(s.province()).isEqualTo("BKK"));
    }

    @Test
    void aStationIsFoundByItsCodeWithinItsElectionOnly() {
        var first = catalog.stations("th-2566", Optional.of("BKK_1"), PageRequest.of(0, 1)).getContent().get(0);

        assertThat(catalog.stationByCode("th-2566", first.code())).contains(first);
        assertThat(catalog.stationByCode("th-2566", "BKK_1-99999")).isEmpty();
        assertThat(catalog.stationByCode("no-such-election", first.code())).isEmpty();
    }

    @Test
    void partiesKeepTheirEctIdsAndBallotNumbers() {
        var parties = catalog.parties("th-2566");

        assertThat(parties).hasSize(70);
        assertThat(parties).filteredOn(p -> p.code().equals("726"))
                .singleElement().satisfies(p -> {
                    assertThat(p.ballotNumber()).isEqualTo(31);
                    assertThat(p.name().th()).isEqualTo("ก้าวไกล");
                });
        assertThat(parties).filteredOn(p -> p.ballotNumber() == null).hasSize(3);
    }

    @Test
    void whatTheEctPublishesBesideTheNamesIsKeptForItsFeed() {
        assertThat(catalog.provinces("th-2566")).filteredOn(p -> p.code().equals("BKK")).singleElement().satisfies(p -> {
            assertThat(p.abbreviation()).isEqualTo("กทม");
            assertThat(p.sourceNameEn()).isEqualTo("BANGKOK");
            assertThat(p.name().en()).isEqualTo("Bangkok"); // the centroid file's spelling, for people
        });
        assertThat(catalog.parties("th-2566")).filteredOn(p -> p.code().equals("726")).singleElement()
                .extracting(p -> p.logoUrl()).isEqualTo("https://ectdatastorage.blob.core.windows.net/images/logos/ก้าวไกล.png");
        assertThat(catalog.candidates("th-2566")).filteredOn(c -> c.code().equals("NST_8_5")).singleElement()
                .extracting(c -> c.imageUrl()).isEqualTo("https://cdn.ectreport.com/images/mp_candidates/นางกชพร_ราชรักษ์.png");
    }

    @Test
    void loadingItAgainIsRefusedAndChangesNothing() {
        long stations = count("station");

        var failure = catchThrowableOfType(ElectionImportFailed.class, () -> imports.importBuiltIn("th-2566"));

        assertThat(failure.problems()).singleElement().hasToString("election.json: election \"th-2566\" is already loaded");
        assertThat(count("station")).isEqualTo(stations);
    }

    @Test
    void aBrokenBundleLoadsNothingAtAll() throws IOException {
        Map<String, byte[]> files = new java.util.HashMap<>();
        for (var r : new PathMatchingResourcePatternResolver().getResources("classpath*:reference/th-2566/*")) {
            files.put(r.getFilename(), r.getContentAsByteArray());
        }
        files.put("election.json", new String(files.get("election.json"), StandardCharsets.UTF_8)
                .replace("\"th-2566\"", "\"th-broken\"").getBytes(StandardCharsets.UTF_8));
        // the last candidate names a constituency that does not exist: found only after everything else was read
        files.put("th_election66_info_mp_candidate.json", new String(files.get("th_election66_info_mp_candidate.json"), StandardCharsets.UTF_8)
                .replace("\"mp_app_id\": \"NST_8_5\"", "\"mp_app_id\": \"ZZZ_1_5\"").getBytes(StandardCharsets.UTF_8));
        Map<String, Long> before = tableCounts();

        var failure = catchThrowableOfType(ElectionImportFailed.class, () -> imports.importFile("broken.zip", zip(files)));

        assertThat(failure.problems()).extracting(ImportProblem::toString)
                .contains("th_election66_info_mp_candidate.json, record 1 (mp_app_id \"ZZZ_1_5\"): unknown constituency \"ZZZ_1\"");
        assertThat(catalog.exists("th-broken")).isFalse();
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void aLocalElectionIsDefinedInKhanaensOwnFormat() throws IOException {
        byte[] definition = Files.readAllBytes(Path.of("../docs/examples/bkk-2565-example.json"));

        var report = imports.importFile("bkk-2565-example.json", definition);

        assertThat(report.counts().stations()).isEqualTo(6_817);
        assertThat(report.counts().constituencies()).isEqualTo(50);
        assertThat(report.counts().provinces()).isEqualTo(1);
        var election = catalog.election("bkk-2565-example").orElseThrow();
        assertThat(election.kind()).isEqualTo(ElectionKind.LOCAL);
        assertThat(election.contests()).extracting(ContestView::code, ContestView::scope)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("governor", ContestScope.ELECTION),
                        org.assertj.core.groups.Tuple.tuple("council", ContestScope.CONSTITUENCY));
        var firstKhet = catalog.constituency("bkk-2565-example", "BKK-C1").orElseThrow();
        assertThat(firstKhet.candidates()).filteredOn(c -> c.contest().equals("governor")).hasSize(31)
                .allSatisfy(c -> assertThat(c.constituency()).isNull());
        assertThat(firstKhet.candidates()).filteredOn(c -> c.contest().equals("council")).hasSize(5);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private Map<String, Long> tableCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String t : new String[] { "election", "province", "district", "constituency", "constituency_zone", "contest", "party", "candidate", "station" }) {
            counts.put(t, count(t));
        }
        return counts;
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry("bundle/" + file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

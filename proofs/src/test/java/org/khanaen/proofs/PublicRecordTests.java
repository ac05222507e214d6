package org.khanaen.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.rewards.RootAnchors;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The public record against the database: rounds make trees of what is new, the station's verification and the
 * offline verifier agree that everything matches, and after a count is changed and a photo swapped directly in the
 * database both report exactly those two. The export carries nobody's name, phone or email.
 */
@SpringBootTest
@org.springframework.context.annotation.Import(RecordFixture.class)
class PublicRecordTests {

    private static final String ELECTION = "th-2566";

    @Autowired PublicRecord record;
    @Autowired Rounds rounds;
    @Autowired RootAnchors anchors;
    @Autowired ElectionCatalog catalog;
    @Autowired JdbcClient jdbc;
    @Autowired RecordFixture fixture;

    private PublicRecord.Verification verification(StationPoint station) {
        return record.station(ELECTION, String.valueOf(station.id())).orElseThrow();
    }

    private byte[] export() throws Exception {
        var out = new ByteArrayOutputStream();
        assertThat(record.export(ELECTION, out)).isTrue();
        return out.toByteArray();
    }

    private static ExportVerifier.Result verifyOffline(byte[] zip) throws Exception {
        Path file = Files.createTempFile("khanaen-export-", ".zip");
        try {
            Files.write(file, zip);
            return ExportVerifier.verify(file, Optional.empty());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aRoundPutsEveryNewEntryIntoOneTreeWhoseProofsLeadToItsRootNotYetAnchoredWithoutAChain() {
        RecordFixture.Night night = fixture.night(1_001, "round");

        PublicRecord.Tree tree = record.roundNow().orElseThrow();

        PublicRecord.Verification v = verification(night.station());
        assertThat(v.findings()).isEmpty();
        assertThat(v.items()).extracting(PublicRecord.Item::kind, PublicRecord.Item::id).contains(
                org.assertj.core.groups.Tuple.tuple("REPORT", night.first()), org.assertj.core.groups.Tuple.tuple("REPORT", night.second()),
                org.assertj.core.groups.Tuple.tuple("DECISION", night.decision()));
        assertThat(v.items()).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo(PublicRecord.Status.MATCHES);
            assertThat(item.tree().id()).isEqualTo(tree.id());
            assertThat(item.tree().anchored()).as("no chain configured: not yet anchored").isFalse();
            // the page's walk: the text now, hashed as a leaf, and the proof lead to the tree's root
            StringBuilder text = new StringBuilder(item.header()).append('\n');
            item.now().forEach(f -> text.append(f.key()).append('=').append(f.value()).append('\n'));
            assertThat(MerkleTree.proves(MerkleTree.leafHash(text.toString().getBytes(StandardCharsets.UTF_8)), item.leafIndex(),
                    item.tree().size(), item.proof().stream().map(MerkleTree::unhex).toList(), MerkleTree.unhex(item.tree().root()))).isTrue();
        });
        assertThat(anchors.of(List.of(tree.root())).get(tree.root()).anchored()).isFalse();
        // nothing new: no tree, no transaction
        assertThat(record.roundNow()).isEmpty();
    }

    @Test
    void aCountChangedAndAPhotoSwappedInTheDatabaseAfterAnchoringAreReportedExactlyByThePageAndTheOfflineVerifier() throws Exception {
        RecordFixture.Night night = fixture.night(1_002, "tamper");
        record.roundNow();
        assertThat(verification(night.station()).findings()).isEmpty();
        assertThat(fixture.about(night, verifyOffline(export()).findings())).isEmpty();

        jdbc.sql("update station_report set votes = '1=310;2=200', valid_ballots = 510 where id = ?").param(night.first()).update();
        jdbc.sql("update report_photo set sha256 = ? where id = ?").params(RecordFixture.sha("another photo"), night.swappedPhoto()).update();

        List<Finding> onThePage = verification(night.station()).findings();
        assertThat(onThePage).extracting(Finding::kind, Finding::subject).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.REPORT_CHANGED, "report " + night.first()),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.PHOTO_CHANGED, "photo " + night.swappedPhoto()));
        assertThat(onThePage.stream().filter(f -> f.kind() == Finding.Kind.REPORT_CHANGED).findFirst().orElseThrow().changes())
                .extracting(Finding.Change::field, Finding.Change::anchored, Finding.Change::now).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("votes", "1=300;2=200", "1=310;2=200"),
                        org.assertj.core.groups.Tuple.tuple("valid", "500", "510"));

        byte[] tampered = export();
        // kept for trying ./khanaen verify-export by hand: proofs/target/tampered-export.zip
        Files.write(Path.of("target", "tampered-export.zip"), tampered);
        ExportVerifier.Result offline = verifyOffline(tampered);
        assertThat(fixture.about(night, offline.findings())).isEqualTo(onThePage);
        assertThat(ExportVerifier.print(offline, new java.io.PrintStream(new ByteArrayOutputStream()))).isFalse();
    }

    @Test
    void thePublishedNumbersAreCheckedAgainstTheAnchoredDecisionThatMadeThem() throws Exception {
        RecordFixture.Night night = fixture.night(1_003, "published");
        record.roundNow();

        jdbc.sql("update station_contest set valid_ballots = 499 where station_id = ? and contest_code = 'constituency'")
                .param(night.station().id()).update();

        assertThat(verification(night.station()).findings()).extracting(Finding::kind).containsExactly(Finding.Kind.PUBLISHED_CHANGED);
        assertThat(fixture.about(night, verifyOffline(export()).findings())).extracting(Finding::kind).containsExactly(Finding.Kind.PUBLISHED_CHANGED);
    }

    @Test
    void theExportHasTheSameLayoutEveryTimeAndNobodysNamePhoneOrEmail() throws Exception {
        RecordFixture.Night night = fixture.night(1_004, "personal");
        record.roundNow();

        byte[] zip = export();
        List<String> names = new ArrayList<>();
        StringBuilder everything = new StringBuilder();
        try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                everything.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        assertThat(names).containsExactly("README.md", "data-dictionary.json", "csv/stations.csv", "csv/contests.csv", "csv/reports.csv",
                "csv/decisions.csv", "csv/photos.csv", "csv/leaves.csv", "csv/trees.csv", "json/stations.jsonl", "json/contests.jsonl",
                "json/reports.jsonl", "json/decisions.jsonl", "json/photos.jsonl", "json/leaves.jsonl", "json/trees.jsonl");
        assertThat(everything).contains("report=" + night.first());

        // every name, phone and email stored: the volunteers of this test (their rows are encrypted at rest) and every account
        List<String> personal = new ArrayList<>();
        night.people().forEach(p -> personal.addAll(List.of(p.fullName(), p.phone(), p.email())));
        personal.addAll(jdbc.sql("select username from account").query(String.class).list());
        personal.addAll(jdbc.sql("select display_name from account").query(String.class).list());
        assertThat(personal).contains(night.people().getFirst().email());
        for (String value : personal) {
            assertThat(everything.toString()).as("the export must not contain %s", value).doesNotContain(value);
            // nor the phone in its international form
            if (value.startsWith("0")) {
                assertThat(everything.toString()).doesNotContain("66" + value.substring(1));
            }
        }
        // the same data, the same bytes
        assertThat(export()).isEqualTo(zip);
    }
}

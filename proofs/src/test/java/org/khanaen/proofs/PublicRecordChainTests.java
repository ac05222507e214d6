package org.khanaen.proofs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.khanaen.rewards.HardhatNode;
import org.khanaen.rewards.RootAnchors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public record on a real local chain (hardhat): a round's root is anchored by the minter, the station's entries
 * say in which block, and the offline verifier, asking the node itself, finds every root where the export says; after
 * a count is changed and a photo swapped in the database it reports exactly those two. Skipped only where node and npm
 * are missing (not in CI).
 */
@SpringBootTest(properties = "khanaen.rewards.chain.poll-interval=200ms")
@Import(RecordFixture.class)
class PublicRecordChainTests {

    @Autowired PublicRecord record;
    @Autowired RootAnchors anchors;
    @Autowired RecordFixture fixture;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void needsNode() {
        assumeTrue(HardhatNode.available() || "true".equals(System.getenv("CI")), "node and npm are not installed: no local chain");
    }

    @DynamicPropertySource
    static void chain(DynamicPropertyRegistry registry) {
        if (HardhatNode.available() || "true".equals(System.getenv("CI"))) {
            registry.add("khanaen.rewards.chain.rpc-url", () -> HardhatNode.shared().url);
            registry.add("khanaen.rewards.chain.private-key", () -> HardhatNode.KEY);
            registry.add("khanaen.rewards.chain.contract", () -> HardhatNode.shared().contract);
        }
    }

    @Test
    void theRootIsAnchoredAndTheOfflineVerifierAsksTheChainAndNamesExactlyWhatWasChanged() throws Exception {
        RecordFixture.Night night = fixture.night(1_101, "chain");
        PublicRecord.Tree tree = record.roundNow().orElseThrow();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!anchors.of(List.of(tree.root())).get(tree.root()).anchored()) {
            assertThat(Instant.now()).as("anchored within a minute").isBefore(until);
            Thread.sleep(200);
        }

        PublicRecord.Verification v = record.station("th-2566", String.valueOf(night.station().id())).orElseThrow();
        assertThat(v.contract()).isEqualToIgnoringCase(HardhatNode.shared().contract);
        assertThat(v.items()).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(PublicRecord.Status.MATCHES);
            assertThat(i.tree().anchored()).isTrue();
            assertThat(i.tree().block()).isPositive();
            assertThat(i.tree().txHash()).startsWith("0x");
        });
        ExportVerifier.Result clean = verify();
        assertThat(fixture.about(night, clean.findings())).isEmpty();
        assertThat(clean.notes()).anySatisfy(n -> assertThat(n).matches("Chain: (\\d+) of \\1 roots found in the blocks the export names\\."));

        jdbc.sql("update station_report set valid_ballots = 501 where id = ?").param(night.first()).update();
        jdbc.sql("update report_photo set sha256 = ? where id = ?").params(RecordFixture.sha("swapped"), night.swappedPhoto()).update();

        assertThat(fixture.about(night, verify().findings())).extracting(Finding::kind, Finding::subject).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.REPORT_CHANGED, "report " + night.first()),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.PHOTO_CHANGED, "photo " + night.swappedPhoto()));
        // and the page's side says the same
        assertThat(record.station("th-2566", String.valueOf(night.station().id())).orElseThrow().findings()).hasSize(2);
    }

    /** The whole export checked offline against the node. */
    private ExportVerifier.Result verify() throws Exception {
        var out = new ByteArrayOutputStream();
        record.export("th-2566", out);
        Path file = Files.createTempFile("khanaen-export-", ".zip");
        try {
            Files.write(file, out.toByteArray());
            return ExportVerifier.verify(file, Optional.of(Web3jChain.at(HardhatNode.shared().url)));
        } finally {
            Files.delete(file);
        }
    }
}

package org.khanaen.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class MerkleTreeTests {

    /** Certificate Transparency's reference leaves (RFC 6962 test data, as in transparency-dev/merkle's test constants). */
    private static final List<String> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** The tree heads of the first 0..8 of them. */
    private static final List<String> CT_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void theRootsAreCertificateTransparencysForEverySizeUpToEight() {
        List<byte[]> leaves = CT_LEAVES.stream().map(h -> MerkleTree.leafHash(MerkleTree.unhex(h))).toList();
        for (int n = 0; n <= 8; n++) {
            assertThat(MerkleTree.hex(MerkleTree.of(leaves.subList(0, n)).root())).as("size %d", n).isEqualTo(CT_ROOTS.get(n));
        }
    }

    @Test
    void theInclusionProofsAreCertificateTransparencys() {
        MerkleTree tree = MerkleTree.of(CT_LEAVES.stream().map(h -> MerkleTree.leafHash(MerkleTree.unhex(h))).toList());
        assertThat(tree.inclusionProof(0).stream().map(MerkleTree::hex)).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(tree.inclusionProof(5).stream().map(MerkleTree::hex)).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void everyLeafsProofLeadsToTheRootInEveryShapeOfTreeAndNothingElseDoes() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = IntStream.range(0, n).mapToObj(i -> MerkleTree.leafHash(("record " + i).getBytes())).toList();
            MerkleTree tree = MerkleTree.of(leaves);
            byte[] root = tree.root();
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = tree.inclusionProof(i);
                assertThat(MerkleTree.proves(leaves.get(i), i, n, proof, root)).as("leaf %d of %d", i, n).isTrue();
                assertThat(MerkleTree.proves(MerkleTree.leafHash("changed".getBytes()), i, n, proof, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.proves(leaves.get(i), (i + 1) % n, n, proof, root)).as("another index").isFalse();
                    List<byte[]> shorter = new ArrayList<>(proof.subList(0, proof.size() - 1));
                    assertThat(MerkleTree.proves(leaves.get(i), i, n, shorter, root)).as("a step short").isFalse();
                }
            }
        }
    }
}

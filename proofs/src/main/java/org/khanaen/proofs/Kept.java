package org.khanaen.proofs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Checks of what was kept: a leaf's text against its hash, a contest's published numbers against the anchored decision. */
final class Kept {

    private Kept() {
    }

    /** The kept text still hashes to its leaf. */
    static boolean intact(String text, String leafHash) {
        return MerkleTree.hex(MerkleTree.leafHash(text.getBytes(StandardCharsets.UTF_8))).equals(leafHash);
    }

    /**
     * The published numbers of a contest must be those of the anchored decision that made its version; before that
     * decision is anchored there is nothing to compare with.
     *
     * @param anchoredDecisions the texts of the station's anchored decisions
     */
    static void comparePublished(long stationId, String contest, int version, List<Entry.Field> published, List<String> anchoredDecisions,
            Comparison comparison) {
        if (version <= 0) {
            return;
        }
        for (String text : anchoredDecisions) {
            Map<String, String> f = asMap(Entry.fieldsOf(text));
            if (contest.equals(f.get("contest")) && String.valueOf(version).equals(f.get("version"))) {
                List<Entry.Field> anchored = published.stream().map(p -> new Entry.Field(p.key(), f.getOrDefault(p.key(), ""))).toList();
                List<Finding.Change> changes = Comparison.changes(anchored, published);
                if (!changes.isEmpty()) {
                    comparison.add(new Finding(Finding.Kind.PUBLISHED_CHANGED, "station " + stationId + " " + contest + " version " + version, changes));
                }
                return;
            }
        }
    }

    static void comparePublished(ResultsRecords.Published p, List<Leaves.Leaf> kept, Comparison comparison) {
        comparePublished(p.stationId(), p.contest(), p.version(), p.numbers(),
                kept.stream().filter(l -> l.kind() == Entry.Kind.DECISION).map(Leaves.Leaf::content).toList(), comparison);
    }

    private static Map<String, String> asMap(List<Entry.Field> fields) {
        Map<String, String> map = new java.util.HashMap<>();
        fields.forEach(x -> map.put(x.key(), x.value()));
        return map;
    }
}

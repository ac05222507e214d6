package org.khanaen.proofs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.rewards.RootAnchors;
import org.springframework.stereotype.Component;

/** A station's entries, now and as anchored, with their proofs and findings. */
@Component
class StationVerifications {

    private final ElectionCatalog catalog;
    private final ResultsRecords records;
    private final Leaves leaves;
    private final Trees trees;
    private final RootAnchors anchors;

    StationVerifications(ElectionCatalog catalog, ResultsRecords records, Leaves leaves, Trees trees, RootAnchors anchors) {
        this.catalog = catalog;
        this.records = records;
        this.leaves = leaves;
        this.trees = trees;
        this.anchors = anchors;
    }

    Optional<PublicRecord.Verification> of(String electionId, String idOrCode) {
        Optional<StationView> station = idOrCode.matches("\\d{1,18}")
                ? catalog.station(Long.parseLong(idOrCode)).filter(s -> s.electionId().equals(electionId))
                : Optional.empty();
        if (station.isEmpty()) {
            station = catalog.stationByCode(electionId, idOrCode);
        }
        return station.map(this::of);
    }

    private PublicRecord.Verification of(StationView s) {
        String election = s.electionId();
        Map<String, Entry> now = new LinkedHashMap<>();
        records.reportsOf(election, s.id()).forEach(e -> now.put(key(e.kind(), e.id()), e));
        records.decisionsOf(election, s.id()).forEach(e -> now.put(key(e.kind(), e.id()), e));
        List<Leaves.Leaf> kept = leaves.ofStation(election, s.id());
        Map<String, Leaves.Leaf> leafOf = new HashMap<>();
        kept.forEach(l -> leafOf.put(key(l.kind(), l.sourceId()), l));
        Map<Long, PublicRecord.Tree> treeOf = trees(kept);
        Map<Long, MerkleTree> built = new HashMap<>();

        Comparison comparison = new Comparison();
        List<PublicRecord.Item> items = new ArrayList<>();
        // reports first, then decisions, each by id
        Set<String> keys = new TreeSet<>(java.util.Comparator.comparing((String k) -> k.charAt(0) == 'R' ? 0 : 1)
                .thenComparing(k -> Long.parseLong(k.substring(2))));
        keys.addAll(now.keySet());
        keys.addAll(leafOf.keySet());
        for (String k : keys) {
            Entry e = now.get(k);
            Leaves.Leaf leaf = leafOf.get(k);
            Entry.Kind kind = e != null ? e.kind() : leaf.kind();
            long id = e != null ? e.id() : leaf.sourceId();
            PublicRecord.Status status;
            List<String> proof = List.of();
            PublicRecord.Tree tree = null;
            if (leaf == null) {
                status = PublicRecord.Status.NOT_YET_RECORDED;
            } else {
                int before = comparison.findings().size();
                boolean intact = Kept.intact(leaf.content(), leaf.leafHash());
                if (!intact) {
                    comparison.add(new Finding(Finding.Kind.RECORD_ALTERED, subject(kind, id), List.of()));
                }
                comparison.compare(kind, id, leaf.content(), e);
                status = e == null ? PublicRecord.Status.MISSING
                        : comparison.findings().size() > before ? PublicRecord.Status.DIFFERS : PublicRecord.Status.MATCHES;
                if (leaf.treeId() != null) {
                    tree = treeOf.get(leaf.treeId());
                    PublicRecord.Tree stored = tree;
                    MerkleTree t = built.computeIfAbsent(leaf.treeId(), treeId -> {
                        MerkleTree rebuilt = MerkleTree.of(leaves.hashesOf(treeId));
                        // once per tree: its kept leaves must still give its root
                        if (!MerkleTree.hex(rebuilt.root()).equals(stored.root())) {
                            comparison.add(new Finding(Finding.Kind.RECORD_ALTERED, "tree " + stored.id(), List.of()));
                        }
                        return rebuilt;
                    });
                    proof = t.inclusionProof(leaf.index()).stream().map(MerkleTree::hex).toList();
                }
            }
            List<PublicRecord.Field> fields = e == null ? List.of() : e.fields().stream().map(f -> new PublicRecord.Field(f.key(), f.value())).toList();
            items.add(new PublicRecord.Item(kind.name(), id, e != null ? e.contest() : contestOf(leaf), status, kind.header, fields,
                    leaf == null ? null : leaf.content(), leaf == null ? null : leaf.leafHash(), leaf == null ? null : leaf.index(), tree, proof));
        }

        List<PublicRecord.Published> published = new ArrayList<>();
        for (ResultsRecords.Published p : records.publishedOf(election, s.id())) {
            published.add(new PublicRecord.Published(p.contest(), p.state(), p.version(), p.votes(), p.valid(), p.invalid(), p.noVote(),
                    p.ballotsUsed(), p.verifiedAt()));
            Kept.comparePublished(p, kept, comparison);
        }
        List<PublicRecord.Photo> photos = new ArrayList<>();
        records.photosOf(now.values().stream().filter(e -> e.kind() == Entry.Kind.REPORT).map(Entry::id).toList())
                .forEach((report, list) -> list.forEach(p -> photos.add(new PublicRecord.Photo(p.id(), report, p.kind(), p.sha256()))));
        return new PublicRecord.Verification(new PublicRecord.Station(s.electionId(), s.id(), s.code(), s.name().th(), s.name().en(),
                s.registeredVoters()), published, items, photos, comparison.findings(), anchors.contract().orElse(null));
    }

    boolean photoOfAReport(long photoId) {
        return records.photoOfAReport(photoId);
    }

    private Map<Long, PublicRecord.Tree> trees(List<Leaves.Leaf> kept) {
        List<Trees.Tree> found = trees.all(kept.stream().map(Leaves.Leaf::treeId).filter(java.util.Objects::nonNull).distinct().toList());
        Map<String, RootAnchors.Anchor> anchored = anchors.of(found.stream().map(Trees.Tree::root).toList());
        Map<Long, PublicRecord.Tree> out = new HashMap<>();
        for (Trees.Tree t : found) {
            RootAnchors.Anchor a = anchored.get(t.root());
            out.put(t.id(), new PublicRecord.Tree(t.id(), t.size(), t.root(), a != null && a.anchored(), a == null ? null : a.txHash(),
                    a == null ? null : a.block(), a == null ? null : a.anchoredAt()));
        }
        return out;
    }

    private static String contestOf(Leaves.Leaf leaf) {
        return Entry.fieldsOf(leaf.content()).stream().filter(f -> f.key().equals("contest")).map(Entry.Field::value).findFirst().orElse("");
    }

    static String key(Entry.Kind kind, long id) {
        return (kind == Entry.Kind.REPORT ? "R" : "D") + ":" + id;
    }

    static String subject(Entry.Kind kind, long id) {
        return (kind == Entry.Kind.REPORT ? "report " : "decision ") + id;
    }
}

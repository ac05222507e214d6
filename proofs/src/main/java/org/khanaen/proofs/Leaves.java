package org.khanaen.proofs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The public record's leaves: made once per report or decision, then put into exactly one tree. */
@Repository
class Leaves {

    /** A leaf as kept: what was hashed, and where it sits once in a tree. */
    record Leaf(long id, Entry.Kind kind, long sourceId, String leafHash, String content, Long treeId, Integer index) {
    }

    private static final String LEAF = "select id, kind, source_id, leaf_hash, content, tree_id, leaf_index from record_leaf";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    Leaves(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Stores the entries' leaves; an entry that has one already keeps it (two rounds never hash one entry twice). */
    int add(List<Entry> entries, Instant now) {
        // batched: a minute of election night is thousands of entries
        int[][] counts = batches.batchUpdate("""
                insert ignore into record_leaf (kind, source_id, election_id, station_id, contest_code, leaf_hash, content, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", entries, 1_000, (ps, e) -> {
            ps.setString(1, e.kind().name());
            ps.setLong(2, e.id());
            ps.setString(3, e.electionId());
            ps.setLong(4, e.stationId());
            ps.setString(5, e.contest());
            ps.setString(6, e.leafHex());
            ps.setString(7, e.text());
            ps.setTimestamp(8, Timestamp.from(now));
        });
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(c -> c == java.sql.Statement.SUCCESS_NO_INFO ? 1 : c).sum();
    }

    /** Leaves in no tree yet, oldest first. */
    List<Leaf> outsideTrees(int limit) {
        return jdbc.sql(LEAF + " where tree_id is null order by id limit ?").param(limit).query(Leaves::leaf).list();
    }

    /** @return how many were still outside a tree and are now this one's (fewer: another round took some) */
    int placeInTree(long treeId, List<Leaf> leaves) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            rows.add(new Object[] { treeId, i, leaves.get(i).id() });
        }
        batches.batchUpdate("update record_leaf set tree_id = ?, leaf_index = ? where id = ? and tree_id is null", rows);
        // counted afterwards: a rewritten batch does not always say how many rows each statement changed
        return jdbc.sql("select count(*) from record_leaf where tree_id = ?").param(treeId).query(Integer.class).single();
    }

    /** A tree's leaf hashes in leaf order: enough to give any of its proofs again. */
    List<byte[]> hashesOf(long treeId) {
        List<byte[]> hashes = new ArrayList<>();
        jdbc.sql("select leaf_hash from record_leaf where tree_id = ? order by leaf_index").param(treeId).query(String.class).list()
                .forEach(h -> hashes.add(MerkleTree.unhex(h)));
        return hashes;
    }

    List<Leaf> ofStation(String election, long station) {
        return jdbc.sql(LEAF + " where election_id = ? and station_id = ? order by id").params(election, station).query(Leaves::leaf).list();
    }

    /** An election's leaves in trees, tree by tree, for the export. */
    List<Leaf> ofElectionInTree(String election, long treeId) {
        return jdbc.sql(LEAF + " where election_id = ? and tree_id = ? order by leaf_index").params(election, treeId).query(Leaves::leaf).list();
    }

    List<Long> treesOf(String election) {
        return jdbc.sql("select distinct tree_id from record_leaf where election_id = ? and tree_id is not null order by tree_id")
                .param(election).query(Long.class).list();
    }

    private static Leaf leaf(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long tree = rs.getLong(6);
        Long treeId = rs.wasNull() ? null : tree;
        int index = rs.getInt(7);
        Integer leafIndex = rs.wasNull() ? null : index;
        return new Leaf(rs.getLong(1), Entry.Kind.valueOf(rs.getString(2)), rs.getLong(3), rs.getString(4), rs.getString(5), treeId, leafIndex);
    }
}

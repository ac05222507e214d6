package org.khanaen.proofs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The rounds' trees: size and root. */
@Repository
class Trees {

    record Tree(long id, int size, String root, Instant builtAt) {
    }

    private final JdbcClient jdbc;

    Trees(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long add(int size, String root, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into record_tree (size, root, built_at) values (?, ?, ?)").params(size, root, Timestamp.from(now)).update(key, "id");
        return key.getKey().longValue();
    }

    Optional<Tree> find(long id) {
        return jdbc.sql("select id, size, root, built_at from record_tree where id = ?").param(id).query(Trees::tree).optional();
    }

    List<Tree> all(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, size, root, built_at from record_tree where id in (:ids) order by id").param("ids", ids).query(Trees::tree).list();
    }

    private static Tree tree(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Tree(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}

package org.khanaen.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The report_photo table: one row per upload, several rows may share one file. */
@Repository
class ReportPhotos {

    private static final String COLUMNS = "id, sha256, kind, content_type, bytes, width, height";

    private final JdbcClient jdbc;

    ReportPhotos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static StoredPhoto map(ResultSet rs, int n) throws SQLException {
        return new StoredPhoto(rs.getLong(1), rs.getString(2), PhotoKind.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5),
                rs.getInt(6), rs.getInt(7));
    }

    long insert(String sha256, PhotoKind kind, PhotoContent.Checked checked, long bytes, String uploadedBy, Instant uploadedAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into report_photo (sha256, kind, content_type, bytes, width, height, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sha256, kind.name(), checked.contentType(), bytes, checked.width(), checked.height(), uploadedBy,
                        Timestamp.from(uploadedAt))
                .update(keys);
        return keys.getKey().longValue();
    }

    Optional<StoredPhoto> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from report_photo where id = ?").param(id).query(ReportPhotos::map).optional();
    }

    Optional<StoredPhoto> findUploadedBy(long id, String uploadedBy) {
        return jdbc.sql("select " + COLUMNS + " from report_photo where id = ? and uploaded_by = ?").params(id, uploadedBy)
                .query(ReportPhotos::map).optional();
    }

    List<StoredPhoto> withSha256(String sha256) {
        return jdbc.sql("select " + COLUMNS + " from report_photo where sha256 = ? order by id").param(sha256).query(ReportPhotos::map).list();
    }
}

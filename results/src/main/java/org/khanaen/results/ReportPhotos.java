package org.khanaen.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.Photos.StoredPhoto;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The report_photo table: one row per upload, several rows may share one object. A row made when an upload was granted
 * is unconfirmed (no {@code confirmed_at}) until its object was found in the bucket as announced; only confirmed rows
 * are photos a report may name or anyone may see.
 */
@Repository
class ReportPhotos {

    /** An upload granted, as announced by its sender. */
    record Pending(long id, String sha256, String contentType, long bytes) {
    }

    private static final String COLUMNS = "id, sha256, kind, content_type, bytes, width, height";

    private final JdbcClient jdbc;

    ReportPhotos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static StoredPhoto map(ResultSet rs, int n) throws SQLException {
        return new StoredPhoto(rs.getLong(1), rs.getString(2), PhotoKind.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5),
                rs.getInt(6), rs.getInt(7));
    }

    /** A photo the app checked whole itself: confirmed as it is recorded. */
    long insert(String sha256, PhotoKind kind, PhotoContent.Checked checked, long bytes, String uploadedBy, Instant uploadedAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into report_photo (sha256, kind, content_type, bytes, width, height, uploaded_by, uploaded_at, confirmed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sha256, kind.name(), checked.contentType(), bytes, checked.width(), checked.height(), uploadedBy,
                        Timestamp.from(uploadedAt), Timestamp.from(uploadedAt))
                .update(keys);
        return keys.getKey().longValue();
    }

    /** An upload granted; its size in pixels is read when it is confirmed. */
    long insertPending(String sha256, PhotoKind kind, String contentType, long bytes, String uploadedBy, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into report_photo (sha256, kind, content_type, bytes, width, height, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, 0, 0, ?, ?)""")
                .params(sha256, kind.name(), contentType, bytes, uploadedBy, Timestamp.from(at))
                .update(keys);
        return keys.getKey().longValue();
    }

    /** The sender's own earlier grant (or confirmed upload) of the same photo as the same kind: a retry asks again. */
    Optional<Long> findPending(String sha256, PhotoKind kind, String contentType, long bytes, String uploadedBy) {
        return jdbc.sql("""
                select id from report_photo where sha256 = ? and kind = ? and content_type = ? and bytes = ? and uploaded_by = ?
                order by id limit 1""")
                .params(sha256, kind.name(), contentType, bytes, uploadedBy).query(Long.class).optional();
    }

    /** A photo found in the bucket as announced, with its size in pixels read from its first bytes. */
    record Checked(long id, int width, int height) {
    }

    /** Of these ids, the sender's grants not confirmed yet, in id order (others' ids and confirmed photos are left out). */
    List<Pending> findUnconfirmed(List<Long> ids, String uploadedBy) {
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> params = new java.util.ArrayList<>(ids);
        params.add(uploadedBy);
        return jdbc.sql("select id, sha256, content_type, bytes from report_photo where id in (" + marks + ") and uploaded_by = ?"
                + " and confirmed_at is null order by id")
                .params(params)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    /** Marks them confirmed, in one statement (one commit for a report's photos, not one a photo). */
    void confirm(List<Checked> photos, Instant at) {
        if (photos.isEmpty()) {
            return;
        }
        StringBuilder width = new StringBuilder("case id"), height = new StringBuilder("case id");
        List<Object> params = new java.util.ArrayList<>();
        for (Checked p : photos) {
            width.append(" when ? then ?");
            params.add(p.id());
            params.add(p.width());
        }
        for (Checked p : photos) {
            height.append(" when ? then ?");
            params.add(p.id());
            params.add(p.height());
        }
        params.add(Timestamp.from(at));
        photos.forEach(p -> params.add(p.id()));
        jdbc.sql("update report_photo set width = " + width + " end, height = " + height + " end, confirmed_at = ? where id in ("
                + String.join(",", java.util.Collections.nCopies(photos.size(), "?")) + ") and confirmed_at is null")
                .params(params).update();
    }

    Optional<StoredPhoto> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from report_photo where id = ? and confirmed_at is not null").param(id)
                .query(ReportPhotos::map).optional();
    }

    Optional<StoredPhoto> findUploadedBy(long id, String uploadedBy) {
        return jdbc.sql("select " + COLUMNS + " from report_photo where id = ? and uploaded_by = ? and confirmed_at is not null")
                .params(id, uploadedBy).query(ReportPhotos::map).optional();
    }

    List<StoredPhoto> withSha256(String sha256) {
        return jdbc.sql("select " + COLUMNS + " from report_photo where sha256 = ? and confirmed_at is not null order by id")
                .param(sha256).query(ReportPhotos::map).list();
    }
}

package org.khanaen.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The photos sent with count reports (tally board, signed count form, station sign). Files are kept by
 * content: the same photo sent twice, by one volunteer or two, is one file but two rows, because each
 * upload is its own fact (who, when, as what) and two rows with one hash are what flags a photo
 * reused for another station.
 */
@Service
public class Photos {

    private final PhotoProperties properties;
    private final PhotoFiles files;
    private final ReportPhotos rows;
    private final Clock clock;

    Photos(PhotoProperties properties, PhotoFiles files, ReportPhotos rows, ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.files = files;
        this.rows = rows;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Checks the photo by its content, writes its file, then records it. The file comes first: if writing
     * fails nothing is recorded; if recording fails (or the caller's transaction rolls back) the file stays
     * unreferenced, which is harmless, and the next upload of that photo reuses it.
     *
     * @throws PhotoProblem         empty, too large, not a JPEG / PNG / WebP, or too many pixels
     * @throws UncheckedIOException the file could not be written
     */
    @Transactional
    public StoredPhoto store(byte[] content, PhotoKind kind, String uploadedBy) {
        Objects.requireNonNull(kind, "kind");
        if (uploadedBy == null || uploadedBy.isBlank() || uploadedBy.length() > 190) {
            throw new IllegalArgumentException("uploadedBy must be 1 to 190 characters");
        }
        PhotoContent.Checked checked = PhotoContent.check(content, properties.maxBytes().toBytes(), properties.maxPixels());
        String sha256 = sha256(content);
        try {
            files.write(sha256, checked.extension(), content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write photo " + sha256, e);
        }
        long id = rows.insert(sha256, kind, checked, content.length, uploadedBy, clock.instant());
        return new StoredPhoto(id, sha256, kind, checked.contentType(), content.length, checked.width(), checked.height());
    }

    @Transactional(readOnly = true)
    public Optional<StoredPhoto> find(long id) {
        return rows.find(id);
    }

    /**
     * A photo as a report may name it: only one its sender uploaded. Another volunteer's photo is "not
     * found", like an unknown id, so that nobody can borrow (or probe for) someone else's evidence.
     */
    public Optional<StoredPhoto> findSentBy(long id, String uploadedBy) {
        return rows.findUploadedBy(id, uploadedBy);
    }

    /** The photo's bytes, for verifiers; the caller closes the stream. */
    public InputStream open(StoredPhoto photo) {
        try {
            return files.open(photo.sha256(), PhotoContent.extension(photo.contentType()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open photo " + photo.id(), e);
        }
    }

    /** Every upload of the same content, oldest first: more than one station among them is a warning. */
    @Transactional(readOnly = true)
    public List<StoredPhoto> withSameHash(String sha256) {
        return rows.withSha256(sha256.toLowerCase(Locale.ROOT));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

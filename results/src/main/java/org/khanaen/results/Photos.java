package org.khanaen.results;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The photos sent with count reports (tally board, signed count form, station sign), kept in an S3 bucket under their
 * content's SHA-256: the same photo sent twice, by one volunteer or two, is one object but two rows, because each upload
 * is its own fact (who, when, as what) and two rows with one hash are what flags a photo reused for another station.
 * <p>
 * Phones and partner apps put the bytes straight into the bucket: they first ask for an upload ({@link #requestUpload})
 * with the photo's size, type and SHA-256 and get a presigned link; a report may name the photo only once
 * {@link #confirm} has found the object in the bucket with that size, type and hash, and an image's first bytes.
 */
@Service
public class Photos {

    /** What a report photo shows; a count report needs each of them. */
    public enum PhotoKind {
        /** The tally board at the station, with the marks as counted. */
        TALLY_BOARD,
        /** The signed count form (ส.ส. 5/18) posted at the station. */
        COUNT_FORM,
        /** The station's sign, which places the other photos. */
        STATION_SIGN
    }

    /**
     * A photo as kept: one row per upload, its file shared by every upload of the same content.
     *
     * @param sha256      of the content, lower-case hex; names the file and spots one photo sent for two stations
     * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}, as found in the content
     */
    public record StoredPhoto(long id, String sha256, PhotoKind kind, String contentType, long bytes, int width, int height) {
    }

    /** An upload granted: PUT the bytes to {@code url} with {@code headers} (signed: size, type and hash are fixed). */
    public record UploadTicket(long id, String sha256, PhotoKind kind, URI url, Map<String, String> headers, Instant expires) {
    }

    /** What a move of photo files into the bucket did. */
    public record Moved(int copied, int alreadyThere, int skipped) {
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Enough of the start of an image for its type and, as phones' shrunk photos have it, its size in pixels (a PNG's
     * and a WebP's within 30 bytes, a canvas-made JPEG's within a few hundred); ~1% of a 300 kB photo.
     */
    static final int HEAD_BYTES = 4 * 1024;

    private final PhotoProperties properties;
    private final PhotoBucket bucket;
    private final ReportPhotos rows;
    private final Clock clock;

    Photos(PhotoProperties properties, PhotoBucket bucket, ReportPhotos rows, ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.bucket = bucket;
        this.rows = rows;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The object's name: by content, in prefixes of its first two hex digits, as the photo folder had them. */
    static String key(String sha256, String contentType) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
        return "photos/" + sha256.substring(0, 2) + "/" + sha256 + "." + PhotoContent.extension(contentType);
    }

    /**
     * Grants an upload of a photo the sender describes; nothing is stored until it arrives and {@link #confirm} finds it
     * as described. Asking again for the same photo (a phone's retry) answers the same id and object.
     *
     * @throws PhotoProblem not a JPEG / PNG / WebP, empty, too large, or not a SHA-256
     */
    @Transactional
    public UploadTicket requestUpload(PhotoKind kind, String contentType, long bytes, String sha256, String uploadedBy) {
        checkUploader(uploadedBy);
        return grant(checked(new Asked(kind, contentType, bytes, sha256)), uploadedBy);
    }

    /** A photo as its sender describes it before the upload. */
    public record Asked(PhotoKind kind, String contentType, long bytes, String sha256) {
    }

    /** The most photos granted in one ask: as many as a report may name. */
    public static final int MOST_IN_ONE_ASK = 10;

    /**
     * A report's photos granted together (one request and one transaction for all of them, not one a photo), answered
     * in the order asked. All or nothing: one not acceptable refuses the ask, and nothing is recorded.
     *
     * @throws PhotoProblem one of them is not acceptable (see {@link #requestUpload}), or none or too many were asked
     */
    @Transactional
    public List<UploadTicket> requestUploads(List<Asked> asked, String uploadedBy) {
        if (asked == null || asked.isEmpty() || asked.size() > MOST_IN_ONE_ASK) {
            throw new PhotoProblem("photo.problem.how-many", MOST_IN_ONE_ASK);
        }
        checkUploader(uploadedBy);
        List<Asked> checked = asked.stream().map(a -> checked(Objects.requireNonNull(a, "photo"))).toList(); // all, before any is granted
        return checked.stream().map(a -> grant(a, uploadedBy)).toList();
    }

    /** @param a as {@link #checked} answered it */
    private UploadTicket grant(Asked a, String uploadedBy) {
        long id = rows.findPending(a.sha256(), a.kind(), a.contentType(), a.bytes(), uploadedBy)
                .orElseGet(() -> rows.insertPending(a.sha256(), a.kind(), a.contentType(), a.bytes(), uploadedBy, clock.instant()));
        PhotoBucket.Upload upload = bucket.presignUpload(key(a.sha256(), a.contentType()), a.bytes(), a.contentType(), base64(a.sha256()));
        return new UploadTicket(id, a.sha256(), a.kind(), upload.url(), upload.headers(), upload.expires());
    }

    /** What was asked, normalised (type and hash in lower case), or the reason it is not acceptable. */
    private Asked checked(Asked asked) {
        PhotoKind kind = asked.kind();
        if (kind == null) {
            throw new PhotoProblem("photo.problem.no-kind");
        }
        String contentType = asked.contentType();
        long bytes = asked.bytes();
        String sha256 = asked.sha256();
        String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        if (!List.of("image/jpeg", "image/png", "image/webp").contains(type)) {
            throw new PhotoProblem("photo.problem.not-an-image");
        }
        if (bytes < 1) {
            throw new PhotoProblem("photo.problem.empty");
        }
        long max = properties.maxBytes().toBytes();
        if (bytes > max) {
            throw new PhotoProblem("photo.problem.too-large", bytes / (1024.0 * 1024.0), max / (1024.0 * 1024.0));
        }
        String hash = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hash).matches()) {
            throw new PhotoProblem("photo.problem.bad-hash");
        }
        return new Asked(kind, type, bytes, hash);
    }

    /**
     * Before a report may name them: each of the sender's photos not yet confirmed must be in the bucket with the size,
     * type and SHA-256 it was announced with, and begin as that type of image. The hash is the store's own, checked by
     * it on upload (the signed {@code x-amz-checksum-sha256}); a store that keeps no checksum makes the app read the
     * object once and hash it. Ids that are not the sender's are left to the report's own check.
     *
     * @throws PhotoProblem missing, or not what was announced (the report is not accepted)
     */
    public void confirm(List<Long> ids, String uploadedBy) {
        List<Long> named = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (named.isEmpty()) {
            return;
        }
        // the report's photos read, and later marked confirmed, together: one statement each way, not two a photo
        List<ReportPhotos.Checked> checked = new java.util.ArrayList<>();
        for (ReportPhotos.Pending p : rows.findUnconfirmed(named, uploadedBy)) {
            String key = key(p.sha256(), p.contentType());
            PhotoBucket.Facts facts = bucket.facts(key).orElseThrow(() -> new PhotoProblem("photo.problem.not-uploaded"));
            if (facts.bytes() != p.bytes()) {
                throw new PhotoProblem("photo.problem.wrong-size", p.bytes(), facts.bytes());
            }
            if (facts.contentType() == null || !facts.contentType().equalsIgnoreCase(p.contentType())) {
                throw new PhotoProblem("photo.problem.wrong-type");
            }
            String stored = facts.sha256Base64() != null ? facts.sha256Base64() : base64(sha256(bucket.firstBytes(key, (int) p.bytes())));
            if (!stored.equals(base64(p.sha256()))) {
                throw new PhotoProblem("photo.problem.wrong-hash");
            }
            byte[] head = bucket.firstBytes(key, (int) Math.min(HEAD_BYTES, p.bytes()));
            PhotoContent.Checked content = PhotoContent.checkHead(head, p.bytes(), properties.maxPixels());
            if (!content.contentType().equals(p.contentType())) {
                throw new PhotoProblem("photo.problem.wrong-type");
            }
            checked.add(new ReportPhotos.Checked(p.id(), content.width(), content.height()));
        }
        rows.confirm(checked, clock.instant());
    }

    /**
     * A photo sent through the app (the form without its script, a partner app's multipart call): checked whole, put
     * into the bucket, then recorded. The object comes first: if storing fails nothing is recorded; if recording fails
     * (or the caller's transaction rolls back) the object stays unreferenced, which is harmless, and the next upload of
     * that photo is the same object.
     *
     * @throws PhotoProblem empty, too large, not a JPEG / PNG / WebP, or too many pixels
     */
    @Transactional
    public StoredPhoto store(byte[] content, PhotoKind kind, String uploadedBy) {
        Objects.requireNonNull(kind, "kind");
        checkUploader(uploadedBy);
        PhotoContent.Checked checked = PhotoContent.check(content, properties.maxBytes().toBytes(), properties.maxPixels());
        String sha256 = hex(sha256(content));
        bucket.put(key(sha256, checked.contentType()), content, checked.contentType(), base64(sha256));
        long id = rows.insert(sha256, kind, checked, content.length, uploadedBy, clock.instant());
        return new StoredPhoto(id, sha256, kind, checked.contentType(), content.length, checked.width(), checked.height());
    }

    @Transactional(readOnly = true)
    public Optional<StoredPhoto> find(long id) {
        return rows.find(id);
    }

    /**
     * A photo as a report may name it: only one its sender uploaded and that was confirmed. Another volunteer's photo is
     * "not found", like an unknown id, so that nobody can borrow (or probe for) someone else's evidence.
     */
    public Optional<StoredPhoto> findSentBy(long id, String uploadedBy) {
        return rows.findUploadedBy(id, uploadedBy);
    }

    /** A link that shows the photo for a few minutes, straight from the bucket; the caller decided who may see it. */
    public URI viewLink(StoredPhoto photo) {
        return bucket.presignView(key(photo.sha256(), photo.contentType()), photo.contentType());
    }

    /** Where browsers fetch photos from and put them to, for the pages' Content-Security-Policy; empty: AWS's own host. */
    public Optional<String> bucketOrigin() {
        return bucket.browserOrigin();
    }

    /** Every upload of the same content, oldest first: more than one station among them is a warning. */
    @Transactional(readOnly = true)
    public List<StoredPhoto> withSameHash(String sha256) {
        return rows.withSha256(sha256.toLowerCase(Locale.ROOT));
    }

    /**
     * Copies the photo files of the folder where they used to be kept ({@code ab/<sha256>.<ext>}) into the bucket under
     * the same names; a file already there (same size) is left, one whose name is not its content's hash is skipped, so
     * running it again does nothing twice. The files stay: remove the folder once the counts satisfy you.
     */
    public Moved moveFromDisk(java.nio.file.Path folder, java.util.function.Consumer<String> progress) throws java.io.IOException {
        int copied = 0;
        int already = 0;
        int skipped = 0;
        var name = Pattern.compile("([0-9a-f]{64})\\.(jpg|png|webp)");
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(folder)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        for (java.nio.file.Path file : files) {
            var m = name.matcher(file.getFileName().toString());
            if (!m.matches()) {
                skipped++;
                progress.accept("skipped (not a photo file): " + file);
                continue;
            }
            String sha256 = m.group(1);
            String type = switch (m.group(2)) {
                case "jpg" -> "image/jpeg";
                case "png" -> "image/png";
                default -> "image/webp";
            };
            String key = key(sha256, type);
            long size = java.nio.file.Files.size(file);
            if (bucket.facts(key).filter(f -> f.bytes() == size).isPresent()) {
                already++;
                continue;
            }
            byte[] content = java.nio.file.Files.readAllBytes(file);
            if (!hex(sha256(content)).equals(sha256)) {
                skipped++;
                progress.accept("skipped (content does not match its name): " + file);
                continue;
            }
            bucket.put(key, content, type, base64(sha256));
            copied++;
        }
        return new Moved(copied, already, skipped);
    }

    private static void checkUploader(String uploadedBy) {
        if (uploadedBy == null || uploadedBy.isBlank() || uploadedBy.length() > 190) {
            throw new IllegalArgumentException("uploadedBy must be 1 to 190 characters");
        }
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** S3's form of a SHA-256: base64 of the 32 bytes. */
    static String base64(String sha256Hex) {
        return base64(HexFormat.of().parseHex(sha256Hex));
    }

    private static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }
}

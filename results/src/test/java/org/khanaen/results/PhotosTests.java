package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.Photos.StoredPhoto;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Photos in the bucket for real: the embedded S3 server (s3proxy) speaking the S3 protocol, uploads put to presigned
 * links over HTTP as a phone does, rows in the test database.
 */
@SpringBootTest
class PhotosTests {

    @Autowired Photos photos;
    @Autowired PhotoBucket bucket;
    @Autowired ReportPhotos rows;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectProvider<Clock> clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPhotoSentThroughTheAppIsInTheBucketAndShownByAPresignedLink() throws Exception {
        byte[] jpeg = PhotoContentTests.image("jpg", 20, 10);

        StoredPhoto stored = photos.store(jpeg, PhotoKind.TALLY_BOARD, "volunteer:17");

        assertThat(stored).isEqualTo(new StoredPhoto(stored.id(), sha256(jpeg), PhotoKind.TALLY_BOARD, "image/jpeg", jpeg.length, 20, 10));
        assertThat(photos.find(stored.id())).contains(stored);
        assertThat(bucket.facts(Photos.key(stored.sha256(), "image/jpeg"))).hasValueSatisfying(f -> {
            assertThat(f.bytes()).isEqualTo(jpeg.length);
            assertThat(f.sha256Base64()).isEqualTo(Photos.base64(stored.sha256()));
        });
        HttpResponse<byte[]> shown = http.send(HttpRequest.newBuilder(photos.viewLink(stored)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).isEqualTo(jpeg);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(photos.find(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theSamePhotoSentTwiceIsOneObjectAndTwoUploads() throws IOException {
        byte[] png = PhotoContentTests.image("png", 20, 11);

        StoredPhoto first = photos.store(png, PhotoKind.COUNT_FORM, "volunteer:1");
        StoredPhoto second = photos.store(png, PhotoKind.COUNT_FORM, "volunteer:2");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.sha256()).isEqualTo(first.sha256()).isEqualTo(sha256(png));
        assertThat(photos.withSameHash(first.sha256().toUpperCase())).containsExactly(first, second);
        assertThat(bucket.facts(Photos.key(first.sha256(), "image/png"))).isPresent();
    }

    @Test
    void whenTheBucketRefusesThePhotoNoRowIsLeft() throws Exception {
        var wrongKey = new PhotoBucketProperties(bucket.endpoint(), null, "us-east-1", "khanaen-photos", "someone", "not-the-secret", true,
                Duration.ofMinutes(5), Duration.ofMinutes(5), new PhotoBucketProperties.Embedded(null, "127.0.0.1", 0));
        try (var refusing = new PhotoBucket(wrongKey)) {
            var broken = new Photos(new PhotoProperties(java.nio.file.Path.of("target/none"), DataSize.ofMegabytes(8), 40_000_000), refusing,
                    rows, clock);
            long before = count();

            assertThatThrownBy(() -> broken.store(PhotoContentTests.image("png", 20, 12), PhotoKind.STATION_SIGN, "volunteer:3"))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThat(count()).isEqualTo(before);
        }
    }

    @Test
    void aRefusedPhotoLeavesNothingBehind() {
        long before = count();
        assertThatThrownBy(() -> photos.store(PhotoContentTests.pngHeader(10_000, 10_000), PhotoKind.TALLY_BOARD, "volunteer:4"))
                .isInstanceOfSatisfying(PhotoProblem.class, p -> assertThat(p.key()).isEqualTo("photo.problem.too-many-pixels"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aPhotoPutStraightIntoTheBucketIsConfirmedThenNamedAndAResendIsOneObjectAndOneUpload() throws Exception {
        byte[] png = unique(PhotoContentTests.image("png", 30, 12));
        String sha = sha256(png);

        Photos.UploadTicket ticket = photos.requestUpload(PhotoKind.TALLY_BOARD, "image/png", png.length, sha, "volunteer:5");
        assertThat(photos.findSentBy(ticket.id(), "volunteer:5")).as("not a photo before it is confirmed").isEmpty();
        assertThat(put(ticket, png)).isEqualTo(200);
        Photos.UploadTicket again = photos.requestUpload(PhotoKind.TALLY_BOARD, "image/png", png.length, sha.toUpperCase(), "volunteer:5");
        assertThat(put(again, png)).isEqualTo(200);
        photos.confirm(List.of(ticket.id()), "volunteer:5");

        assertThat(again.id()).isEqualTo(ticket.id());
        assertThat(photos.findSentBy(ticket.id(), "volunteer:5"))
                .contains(new StoredPhoto(ticket.id(), sha, PhotoKind.TALLY_BOARD, "image/png", png.length, 30, 12));
        assertThat(photos.findSentBy(ticket.id(), "volunteer:6")).isEmpty();
        assertThat(jdbc.sql("select count(*) from report_photo where sha256 = ?").param(sha).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theStoreRefusesBytesOtherThanTheAnnouncedOnesAndNothingIsConfirmed() throws Exception {
        byte[] png = unique(PhotoContentTests.image("png", 30, 13));
        byte[] other = png.clone();
        other[other.length - 1] ^= 1; // same size, one bit off
        Photos.UploadTicket ticket = photos.requestUpload(PhotoKind.COUNT_FORM, "image/png", png.length, sha256(png), "volunteer:7");

        assertThat(put(ticket, other)).as("the store checks the signed x-amz-checksum-sha256").isEqualTo(400);
        assertThatThrownBy(() -> photos.confirm(List.of(ticket.id()), "volunteer:7"))
                .isInstanceOfSatisfying(PhotoProblem.class, p -> assertThat(p.key()).isEqualTo("photo.problem.not-uploaded"));
        assertThat(photos.findSentBy(ticket.id(), "volunteer:7")).isEmpty();
    }

    @Test
    void anObjectNotAsAnnouncedIsRefused() throws Exception {
        byte[] png = unique(PhotoContentTests.image("png", 30, 14));
        String sha = sha256(png);
        String key = Photos.key(sha, "image/png");

        Photos.UploadTicket missing = photos.requestUpload(PhotoKind.STATION_SIGN, "image/png", png.length, sha, "volunteer:8");
        assertThat(refusal(missing.id(), "volunteer:8")).isEqualTo("photo.problem.not-uploaded");

        byte[] longer = java.util.Arrays.copyOf(png, png.length + 5); // written there by other means than the presigned upload
        bucket.put(key, longer, "image/png", Photos.base64(sha256(longer)));
        assertThat(longer.length).isNotEqualTo(png.length);
        assertThat(refusal(missing.id(), "volunteer:8")).isEqualTo("photo.problem.wrong-size");

        byte[] sameSize = png.clone();
        sameSize[sameSize.length - 1] ^= 1;
        bucket.put(key, sameSize, "image/png", Photos.base64(sha256(sameSize)));
        assertThat(refusal(missing.id(), "volunteer:8")).isEqualTo("photo.problem.wrong-hash");

        byte[] jpeg = unique(PhotoContentTests.image("jpg", 30, 15)); // announced as a PNG, really a JPEG
        Photos.UploadTicket disguised = photos.requestUpload(PhotoKind.STATION_SIGN, "image/png", jpeg.length, sha256(jpeg), "volunteer:8");
        assertThat(put(disguised, jpeg)).isEqualTo(200);
        assertThat(refusal(disguised.id(), "volunteer:8")).isEqualTo("photo.problem.wrong-type");

        bucket.put(key, png, "image/png", Photos.base64(sha));
        photos.confirm(List.of(missing.id()), "volunteer:8");
        assertThat(photos.findSentBy(missing.id(), "volunteer:8")).isPresent();
    }

    @Test
    void anUploadIsGrantedOnlyForAPhotoWithinTheLimits() {
        assertThatThrownBy(() -> photos.requestUpload(PhotoKind.TALLY_BOARD, "image/gif", 100, "a".repeat(64), "volunteer:9"))
                .isInstanceOfSatisfying(PhotoProblem.class, p -> assertThat(p.key()).isEqualTo("photo.problem.not-an-image"));
        assertThatThrownBy(() -> photos.requestUpload(PhotoKind.TALLY_BOARD, "image/png", 9L << 20, "a".repeat(64), "volunteer:9"))
                .isInstanceOfSatisfying(PhotoProblem.class, p -> assertThat(p.key()).isEqualTo("photo.problem.too-large"));
        assertThatThrownBy(() -> photos.requestUpload(PhotoKind.TALLY_BOARD, "image/png", 100, "not a hash", "volunteer:9"))
                .isInstanceOfSatisfying(PhotoProblem.class, p -> assertThat(p.key()).isEqualTo("photo.problem.bad-hash"));
    }

    private String refusal(long id, String sender) {
        try {
            photos.confirm(List.of(id), sender);
            return "confirmed";
        } catch (PhotoProblem p) {
            return p.key();
        }
    }

    /** As the phone's page does it: the bytes to the presigned link with the signed headers, nothing through the app. */
    private int put(Photos.UploadTicket ticket, byte[] content) throws Exception {
        var request = HttpRequest.newBuilder(ticket.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        ticket.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long count() {
        return jdbc.sql("select count(*) from report_photo").query(Long.class).single();
    }

    /**
     * The image with random bytes after its end, which readers ignore: a photo no earlier run put into the bucket (the
     * test bucket's folder outlives a run, as a real bucket outlives the app).
     */
    static byte[] unique(byte[] image) {
        byte[] tail = new byte[16];
        new java.security.SecureRandom().nextBytes(tail);
        byte[] out = java.util.Arrays.copyOf(image, image.length + tail.length);
        System.arraycopy(tail, 0, out, image.length, tail.length);
        return out;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

/** Storing report photos for real: files in a folder of the test's own, rows in the test database. */
@SpringBootTest
class PhotosTests {

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void photoDirectory(DynamicPropertyRegistry registry) {
        registry.add("khanaen.photos.directory", () -> directory.toString());
    }

    @Autowired Photos photos;
    @Autowired ReportPhotos rows;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectProvider<Clock> clock;

    @Test
    void aStoredPhotoIsFoundAndReadBack() throws IOException {
        byte[] jpeg = PhotoContentTests.image("jpg", 20, 10);

        StoredPhoto stored = photos.store(jpeg, PhotoKind.TALLY_BOARD, "volunteer:17");

        assertThat(stored).isEqualTo(new StoredPhoto(stored.id(), sha256(jpeg), PhotoKind.TALLY_BOARD, "image/jpeg", jpeg.length, 20, 10));
        assertThat(photos.find(stored.id())).contains(stored);
        assertThat(directory.resolve(stored.sha256().substring(0, 2)).resolve(stored.sha256() + ".jpg")).hasBinaryContent(jpeg);
        try (InputStream in = photos.open(stored)) {
            assertThat(in.readAllBytes()).isEqualTo(jpeg);
        }
        assertThat(photos.find(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theSamePhotoSentTwiceIsOneFileAndTwoUploads() throws IOException {
        byte[] png = PhotoContentTests.image("png", 20, 11);

        StoredPhoto first = photos.store(png, PhotoKind.COUNT_FORM, "volunteer:1");
        StoredPhoto second = photos.store(png, PhotoKind.COUNT_FORM, "volunteer:2");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.sha256()).isEqualTo(first.sha256()).isEqualTo(sha256(png));
        assertThat(photos.withSameHash(first.sha256().toUpperCase())).containsExactly(first, second);
        try (Stream<Path> all = Files.walk(directory)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(first.sha256()))).hasSize(1);
        }
    }

    @Test
    void whenTheFileCannotBeWrittenNoRowIsLeft() throws IOException {
        Path notAFolder = Files.writeString(directory.resolve("occupied"), "a file where the photo folder should be");
        var broken = new Photos(new PhotoProperties(notAFolder, DataSize.ofMegabytes(8), 40_000_000), new PhotoFiles(notAFolder), rows, clock);
        long before = count();

        assertThatThrownBy(() -> broken.store(PhotoContentTests.image("png", 20, 12), PhotoKind.STATION_SIGN, "volunteer:3"))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aRefusedPhotoLeavesNothingBehind() {
        long before = count();
        assertThatThrownBy(() -> photos.store(PhotoContentTests.pngHeader(10_000, 10_000), PhotoKind.TALLY_BOARD, "volunteer:4"))
                .isInstanceOfSatisfying(PhotoProblem.class, p -> assertThat(p.key()).isEqualTo("photo.problem.too-many-pixels"));
        assertThat(count()).isEqualTo(before);
    }

    private long count() {
        return jdbc.sql("select count(*) from report_photo").query(Long.class).single();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files named by content: one per photo, complete or absent, never outside the photo folder. */
class PhotoFilesTests {

    @TempDir
    Path root;

    @Test
    void aPhotoIsWrittenUnderItsHashAndTwiceIsStillOneFile() throws IOException {
        byte[] content = { 1, 2, 3 };
        String sha = Photos.sha256(content);
        var files = new PhotoFiles(root);

        files.write(sha, "png", content);
        files.write(sha, "png", content);

        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile)).containsExactly(root.resolve(sha.substring(0, 2)).resolve(sha + ".png"));
        }
        try (var in = files.open(sha, "png")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void theHashIsTheKnownSha256() {
        assertThat(Photos.sha256("abc".getBytes())).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void onlyAHashCanNameAFile() {
        var files = new PhotoFiles(root);
        assertThatThrownBy(() -> files.path("../../etc/passwd", "png")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.path("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", "png"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.khanaen.results;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param directory where photo files were kept before they moved to the bucket: what
 *                  {@code ./khanaen photos-to-bucket} copies from by default
 * @param maxBytes  the largest file accepted; a phone photo is 2–6 MB
 * @param maxPixels the most pixels accepted, read from the header before any decoding: a small file can
 *                  declare a huge image (a decompression bomb)
 */
@ConfigurationProperties("khanaen.photos")
record PhotoProperties(@DefaultValue("data/photos") Path directory, @DefaultValue("8MB") DataSize maxBytes,
        @DefaultValue("40000000") long maxPixels) {

    PhotoProperties {
        if (directory == null || directory.toString().isBlank()) {
            throw new IllegalStateException("khanaen.photos.directory is not set");
        }
        if (maxBytes == null || maxBytes.toBytes() < 1 || maxBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalStateException("khanaen.photos.max-bytes must be between 1 byte and 2 GB");
        }
        if (maxPixels < 1) {
            throw new IllegalStateException("khanaen.photos.max-pixels must be positive");
        }
    }
}

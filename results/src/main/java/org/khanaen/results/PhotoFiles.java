package org.khanaen.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Photo files named by their content's SHA-256, in folders by the first two hex digits (so no folder
 * holds a whole election's photos). The same photo sent twice is one file, and a file is either
 * complete or absent: it is written aside, flushed to disk, then renamed into place.
 */
class PhotoFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    PhotoFiles(Path root) {
        this.root = root;
    }

    void write(String sha256, String extension, byte[] content) throws IOException {
        Path target = path(sha256, extension);
        if (Files.isRegularFile(target) && Files.size(target) == content.length) {
            return; // the same name means the same content
        }
        Files.createDirectories(target.getParent());
        // Same folder as the target, so the rename cannot cross file systems and stays atomic.
        Path part = Files.createTempFile(target.getParent(), sha256, ".part");
        try {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true); // photos are evidence: on disk before the row says they exist
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    InputStream open(String sha256, String extension) throws IOException {
        return Files.newInputStream(path(sha256, extension));
    }

    Path path(String sha256, String extension) {
        // The hash comes from callers' records: only 64 hex digits may reach the file system.
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extension);
    }
}

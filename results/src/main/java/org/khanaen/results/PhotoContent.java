package org.khanaen.results;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What a photo's bytes really are, whatever the file was called: the type by its magic bytes, then its
 * size from the header alone. Nothing is decoded, so a small file declaring a huge image costs nothing.
 */
final class PhotoContent {

    /** A photo that passed: its real type and its declared size. */
    record Checked(String contentType, String extension, int width, int height) {
    }

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    private PhotoContent() {
    }

    static Checked check(byte[] content, long maxBytes, long maxPixels) {
        if (content == null || content.length == 0) {
            throw new PhotoProblem("photo.problem.empty");
        }
        if (content.length > maxBytes) {
            throw new PhotoProblem("photo.problem.too-large", megabytes(content.length), megabytes(maxBytes));
        }
        Checked checked;
        if (startsWith(content, JPEG)) {
            checked = header(content, "image/jpeg", "jpg");
        } else if (startsWith(content, PNG)) {
            checked = header(content, "image/png", "png");
        } else if (content.length >= 12 && ascii(content, 0).equals("RIFF") && ascii(content, 8).equals("WEBP")) {
            checked = webp(content, content.length);
        } else {
            throw notAnImage();
        }
        return sized(checked, maxPixels);
    }

    /**
     * The start of a photo kept elsewhere ({@code total} bytes in all): its type by the magic bytes, and its size in
     * pixels when the header lies within those bytes (a phone's shrunk photo has it at the start; a camera's file may
     * carry a long EXIF block first: then the size stays unknown, 0 × 0, as the app never decodes it anyway).
     */
    static Checked checkHead(byte[] head, long total, long maxPixels) {
        if (head == null || head.length == 0 || total == 0) {
            throw new PhotoProblem("photo.problem.empty");
        }
        boolean whole = head.length >= total;
        Checked checked;
        if (startsWith(head, JPEG) || startsWith(head, PNG)) {
            String type = startsWith(head, JPEG) ? "image/jpeg" : "image/png";
            try {
                checked = header(head, type, extension(type));
            } catch (PhotoProblem e) {
                if (whole) {
                    throw e;
                }
                return new Checked(type, extension(type), 0, 0);
            }
        } else if (head.length >= 12 && ascii(head, 0).equals("RIFF") && ascii(head, 8).equals("WEBP")) {
            checked = webp(head, total);
        } else {
            throw notAnImage();
        }
        return sized(checked, maxPixels);
    }

    /** A photo has a size, and not more pixels than a phone's shrunk photo needs. */
    private static Checked sized(Checked checked, long maxPixels) {
        if (checked.width() < 1 || checked.height() < 1) {
            throw notAnImage();
        }
        if ((long) checked.width() * checked.height() > maxPixels) {
            throw new PhotoProblem("photo.problem.too-many-pixels", checked.width(), checked.height(), maxPixels / 1_000_000.0);
        }
        return checked;
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            default -> throw new IllegalArgumentException("not a photo type: " + contentType);
        };
    }

    /** Width and height through the JDK's own reader for that type, which reads only up to the header. */
    private static Checked header(byte[] content, String contentType, String extension) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no ImageIO reader for " + contentType);
        }
        ImageReader reader = readers.next();
        // In memory: ImageIO's default cache would copy uploads into temporary files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            return new Checked(contentType, extension, reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw notAnImage();
        } finally {
            reader.dispose();
        }
    }

    /**
     * The JDK has no WebP reader, and some phones send WebP: read the first chunk's header ourselves
     * (RFC 9649). Browsers decode WebP themselves; here only the declared size matters.
     */
    private static Checked webp(byte[] c, long length) {
        long riffSize = le(c, 4, 4);
        if (c.length < 20 || riffSize + 8 > length || le(c, 16, 4) + 20 > riffSize + 8) {
            throw notAnImage(); // cut short or lying about its length
        }
        int width;
        int height;
        switch (ascii(c, 12)) {
            case "VP8 " -> { // lossy: a key frame's tag (bit 0 clear), start code 9D 01 2A, then 14-bit sizes
                if (c.length < 30 || (c[20] & 1) != 0 || (c[23] & 0xFF) != 0x9D || c[24] != 0x01 || c[25] != 0x2A) {
                    throw notAnImage();
                }
                width = (int) le(c, 26, 2) & 0x3FFF;
                height = (int) le(c, 28, 2) & 0x3FFF;
            }
            case "VP8L" -> { // lossless: signature 2F, then width-1 and height-1 in 14 bits each
                if (c.length < 25 || (c[20] & 0xFF) != 0x2F) {
                    throw notAnImage();
                }
                long bits = le(c, 21, 4);
                width = (int) (bits & 0x3FFF) + 1;
                height = (int) ((bits >> 14) & 0x3FFF) + 1;
            }
            case "VP8X" -> { // extended: canvas width-1 and height-1 in 24 bits each
                if (c.length < 30) {
                    throw notAnImage();
                }
                width = (int) le(c, 24, 3) + 1;
                height = (int) le(c, 27, 3) + 1;
            }
            default -> throw notAnImage();
        }
        return new Checked("image/webp", "webp", width, height);
    }

    private static PhotoProblem notAnImage() {
        return new PhotoProblem("photo.problem.not-an-image");
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    private static String ascii(byte[] c, int at) {
        return new String(c, at, 4, StandardCharsets.ISO_8859_1);
    }

    /** An unsigned little-endian number of {@code count} bytes. */
    private static long le(byte[] c, int at, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (c[at + i] & 0xFF);
        }
        return value;
    }

    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

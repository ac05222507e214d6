package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** A photo is judged by its bytes, never by its name or declared type. */
class PhotoContentTests {

    private static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final long MAX_PIXELS = 40_000_000;

    static byte[] image(String format, int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xFF0000);
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static PhotoContent.Checked check(byte[] content) {
        return PhotoContent.check(content, MAX_BYTES, MAX_PIXELS);
    }

    /** The key of the problem the content is refused with. */
    private static String problem(byte[] content) {
        try {
            check(content);
        } catch (PhotoProblem p) {
            return p.key();
        }
        throw new AssertionError("accepted, but should have been refused");
    }

    @Test
    void aPngIsAcceptedWithItsSize() throws IOException {
        assertThat(check(image("png", 20, 10))).isEqualTo(new PhotoContent.Checked("image/png", "png", 20, 10));
    }

    @Test
    void aJpegIsAcceptedWithItsSize() throws IOException {
        assertThat(check(image("jpg", 20, 10))).isEqualTo(new PhotoContent.Checked("image/jpeg", "jpg", 20, 10));
    }

    @Test
    void aTextFileCalledPhotoJpgIsNotAnImage() {
        byte[] text = "ผลคะแนน หน่วย 5: 120, 98, 45\n".getBytes(StandardCharsets.UTF_8);
        assertThat(problem(text)).isEqualTo("photo.problem.not-an-image");
    }

    @Test
    void jpegMagicBytesFollowedByRubbishAreNotAnImage() {
        byte[] fake = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0 };
        assertThat(problem(fake)).isEqualTo("photo.problem.not-an-image");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(problem(new byte[0])).isEqualTo("photo.problem.empty");
        assertThat(problem(null)).isEqualTo("photo.problem.empty");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeAnythingElse() throws IOException {
        byte[] png = image("png", 20, 10);
        assertThatThrownBy(() -> PhotoContent.check(png, png.length - 1, MAX_PIXELS)).isInstanceOfSatisfying(PhotoProblem.class,
                p -> assertThat(p.key()).isEqualTo("photo.problem.too-large"));
        assertThat(PhotoContent.check(png, png.length, MAX_PIXELS).width()).isEqualTo(20);
    }

    @Test
    void aSmallPngDeclaringAHugeImageIsRefusedWithoutDecoding() {
        byte[] bomb = pngHeader(10_000, 10_000); // 100 megapixels in 45 bytes
        assertThatThrownBy(() -> check(bomb)).isInstanceOfSatisfying(PhotoProblem.class, p -> {
            assertThat(p.key()).isEqualTo("photo.problem.too-many-pixels");
            assertThat(p.arguments()).containsExactly(10_000, 10_000, 40.0);
        });
    }

    @Test
    void aLosslessWebpIsReadFromItsHeader() {
        assertThat(check(webpLossless(20, 10))).isEqualTo(new PhotoContent.Checked("image/webp", "webp", 20, 10));
    }

    @Test
    void anExtendedWebpWithAHugeCanvasIsRefused() {
        assertThat(problem(webpExtended(10_000, 10_000))).isEqualTo("photo.problem.too-many-pixels");
    }

    @Test
    void aWebpCutShortIsNotAnImage() {
        byte[] whole = webpLossless(20, 10);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 4);
        assertThat(problem(cut)).isEqualTo("photo.problem.not-an-image");
    }

    /** PNG signature, an IHDR chunk with a correct CRC, and an empty IEND: enough for any header reader. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB, no interlace
        var crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' })
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082)
                .array();
    }

    static byte[] webpLossless(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        byte[] payload = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x2F).putInt(bits).array();
        return riff("VP8L", payload);
    }

    static byte[] webpExtended(int width, int height) {
        ByteBuffer payload = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
        payload.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        payload.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return riff("VP8X", payload.array());
    }

    private static byte[] riff(String chunk, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + payload.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length)
                .put(payload).array();
    }
}

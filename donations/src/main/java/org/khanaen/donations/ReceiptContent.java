package org.khanaen.donations;

import java.util.Arrays;

/**
 * What an expense's receipt file really is, by its first bytes, whatever it was called: a PDF, a JPEG or
 * a PNG, nothing else (no HTML or SVG that a browser would run), at most {@link #MAX_BYTES}.
 */
final class ReceiptContent {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final byte[] PDF = { '%', 'P', 'D', 'F', '-' };
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    private ReceiptContent() {
    }

    /** The content type, or a problem saying why the file is refused. */
    static String check(byte[] content) {
        if (content == null || content.length == 0) {
            throw new DonationProblem("expense.receipt.missing");
        }
        if (content.length > MAX_BYTES) {
            throw new DonationProblem("expense.receipt.too-large", MAX_BYTES / (1024 * 1024));
        }
        if (startsWith(content, PDF)) {
            return "application/pdf";
        }
        if (startsWith(content, JPEG)) {
            return "image/jpeg";
        }
        if (startsWith(content, PNG)) {
            return "image/png";
        }
        throw new DonationProblem("expense.receipt.type");
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case "application/pdf" -> "pdf";
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}

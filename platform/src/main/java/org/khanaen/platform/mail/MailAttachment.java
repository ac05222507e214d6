package org.khanaen.platform.mail;

import java.util.Arrays;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

/**
 * One file sent with a mail, e.g. the {@code .ics} calendar entry of an assignment. Checked here, so a
 * bad attachment fails the caller rather than the sender hours later. The content is copied in and out:
 * a queued mail cannot change under the outbox.
 *
 * @param fileName    the name the recipient sees, 1 to 200 characters (Thai is fine), no path and no
 *                    control or invisible formatting characters
 * @param contentType a MIME type, with parameters if needed: {@code text/calendar; charset=UTF-8; method=REQUEST},
 *                    {@code application/pdf}; 1 to 100 characters
 * @param content     the file, at most {@link #MAX_SIZE} bytes
 */
public record MailAttachment(String fileName, String contentType, byte[] content) {

    /** 1 MB: plenty for a calendar entry or a letter, and a whole batch of such mails still fits in memory. */
    public static final int MAX_SIZE = 1024 * 1024;

    public MailAttachment {
        require(fileName != null && !fileName.isBlank() && fileName.length() <= 200, "fileName must be 1 to 200 characters");
        require(fileName.indexOf('/') < 0 && fileName.indexOf('\\') < 0, "fileName must be a name, without '/' or '\\': " + fileName);
        // control characters could break the header; invisible ones (right-to-left override) can disguise "exe" as "pdf"
        require(fileName.codePoints().noneMatch(MailAttachment::isHidden),
                "fileName must not contain control or invisible formatting characters");
        require(contentType != null && !contentType.isBlank() && contentType.length() <= 100, "contentType must be 1 to 100 characters");
        require(contentType.chars().noneMatch(Character::isISOControl), "contentType must be one line, without control characters");
        require(isSinglePartType(contentType), "contentType must be a MIME type such as application/pdf, not a multipart: " + contentType);
        require(content != null, "content is required");
        require(content.length <= MAX_SIZE, "content must be at most " + MAX_SIZE + " bytes (1 MB), is " + content.length);
        content = content.clone();
    }

    /** A copy: the attachment stays as it was checked. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Same name, type and bytes (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof MailAttachment that && fileName.equals(that.fileName)
                && contentType.equals(that.contentType) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * fileName.hashCode() + contentType.hashCode()) + Arrays.hashCode(content);
    }

    /** The size, not the bytes: this ends up in logs. */
    @Override
    public String toString() {
        return "MailAttachment[fileName=" + fileName + ", contentType=" + contentType + ", size=" + content.length + "]";
    }

    private static boolean isHidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }

    /** type/subtype with optional parameters; a multipart or message would need a structure these bytes do not have. */
    private static boolean isSinglePartType(String contentType) {
        try {
            ContentType parsed = new ContentType(contentType);
            return parsed.getPrimaryType() != null && !parsed.getPrimaryType().isEmpty()
                    && parsed.getSubType() != null && !parsed.getSubType().isEmpty()
                    && !parsed.match("multipart/*") && !parsed.match("message/*");
        } catch (ParseException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package org.khanaen.results;

/**
 * A photo as kept: one row per upload, its file shared by every upload of the same content.
 *
 * @param sha256      of the content, lower-case hex; names the file and spots one photo sent for two stations
 * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}, as found in the content
 */
public record StoredPhoto(long id, String sha256, PhotoKind kind, String contentType, long bytes, int width, int height) {
}

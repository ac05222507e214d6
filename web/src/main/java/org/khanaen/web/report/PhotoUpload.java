package org.khanaen.web.report;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.khanaen.results.PhotoProblem;
import org.khanaen.results.Photos;

/**
 * Asking for a photo's upload (the phone's page, a partner app): what the photo is, so that the presigned link fixes
 * its size, type and SHA-256, and the bucket refuses anything else.
 *
 * @param sha256 of the bytes about to be put, in hex
 */
public record PhotoUpload(Photos.PhotoKind kind, String contentType, Long bytes, String sha256) {

    /** The answer: where to PUT the bytes and with which headers; the report then names {@code id}. */
    public record Granted(long id, String sha256, Photos.PhotoKind kind, String method, URI url, Map<String, String> headers, Instant expiresAt) {

        public static Granted of(Photos.UploadTicket ticket) {
            return new Granted(ticket.id(), ticket.sha256(), ticket.kind(), "PUT", ticket.url(), ticket.headers(), ticket.expires());
        }
    }

    /** As the photos' service takes it; a missing size counts as empty. */
    public Photos.Asked asked() {
        return new Photos.Asked(kind, contentType, bytes == null ? 0 : bytes, sha256);
    }

    /** @throws PhotoProblem what the photo was said to be is not acceptable */
    public Granted request(Photos photos, String actor) {
        if (kind == null) {
            throw new PhotoProblem("photo.problem.no-kind");
        }
        return Granted.of(photos.requestUpload(kind, contentType, bytes == null ? 0 : bytes, sha256, actor));
    }
}

package org.khanaen.web.results;

import org.khanaen.results.Photos;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * A stored report photo as an HTTP answer: once the caller has decided who may see it, a redirect to a presigned link
 * of a few minutes, so the bytes come from the bucket (or a CDN before it), not through the app. The redirect itself
 * is never cached: a link that has run out is never served again from a cache.
 */
@Component
class PhotoResponses {

    private final Photos photos;

    PhotoResponses(Photos photos) {
        this.photos = photos;
    }

    ResponseEntity<Void> serve(long photoId) {
        Photos.StoredPhoto photo = photos.find(photoId).orElseThrow(() -> new NotFound("photo " + photoId));
        return ResponseEntity.status(HttpStatus.FOUND).location(photos.viewLink(photo))
                .cacheControl(CacheControl.noStore().cachePrivate()).build();
    }
}

package org.khanaen.web.results;

import org.khanaen.results.Photos;
import org.khanaen.results.StoredPhoto;
import org.khanaen.web.errors.NotFound;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** A stored report photo as an HTTP answer: its own checked content type, no sniffing, kept out of shared caches. */
@Component
class PhotoResponses {

    private final Photos photos;

    PhotoResponses(Photos photos) {
        this.photos = photos;
    }

    ResponseEntity<InputStreamResource> serve(long photoId) {
        StoredPhoto photo = photos.find(photoId).orElseThrow(() -> new NotFound("photo " + photoId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType())).contentLength(photo.bytes())
                .cacheControl(CacheControl.noStore().cachePrivate()).header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(photos.open(photo)));
    }
}

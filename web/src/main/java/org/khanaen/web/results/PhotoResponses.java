package org.khanaen.web.results;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.khanaen.results.Photos;
import org.khanaen.results.WarRoom;
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

    /**
     * Each photo of the item's reports as a presigned link, for the item's page to show straight from the bucket: a
     * person deciding sees the photos without one request to the app per photo (three a report). The page that carries
     * them is only for those who may see them, and never cached; the links run out after a few minutes, so the page's
     * "open" links still go through {@link #serve} for a fresh one.
     */
    Map<Long, URI> links(WarRoom.Item item) {
        Map<Long, URI> links = new LinkedHashMap<>();
        item.reports().forEach(r -> r.photos().forEach(p -> links.put(p.id(), photos.viewLink(p))));
        return links;
    }

    ResponseEntity<Void> serve(long photoId) {
        Photos.StoredPhoto photo = photos.find(photoId).orElseThrow(() -> new NotFound("photo " + photoId));
        return ResponseEntity.status(HttpStatus.FOUND).location(photos.viewLink(photo))
                .cacheControl(CacheControl.noStore().cachePrivate()).build();
    }
}

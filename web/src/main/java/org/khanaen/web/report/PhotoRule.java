package org.khanaen.web.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.khanaen.results.Photos;
import org.khanaen.results.Photos.PhotoKind;
import org.springframework.stereotype.Component;

/**
 * The phone page's rule (issue 25): a final count goes with its three photos (tally board, signed form, station sign), or
 * not without the reporter's explicit, warned choice to send them later. The war room verifies from the photos, and a
 * count that silently went without them (every chosen file refused) was the walk's finding. Partner apps' API calls are
 * not held to it (docs/reports.md): they decide with their own users.
 */
@Component
class PhotoRule {

    private final Photos photos;
    private final FindingText text;

    PhotoRule(Photos photos, FindingText text) {
        this.photos = photos;
        this.text = text;
    }

    /**
     * The kinds a count still lacks: none for a running tally. Photos put straight into the bucket are confirmed first,
     * as the intake does before anything else (a second confirmation is a no-op), so that their kinds can be read.
     *
     * @throws org.khanaen.results.PhotoProblem a photo named is not in the bucket as announced
     */
    List<PhotoKind> missing(boolean isFinal, Collection<Long> photoIds, String actor) {
        if (!isFinal) {
            return List.of();
        }
        photos.confirm(List.copyOf(photoIds), actor);
        Set<PhotoKind> lacking = EnumSet.allOf(PhotoKind.class);
        photoIds.stream().distinct().limit(10).forEach(id -> photos.find(id).ifPresent(p -> lacking.remove(p.kind())));
        return Arrays.stream(PhotoKind.values()).filter(lacking::contains).toList();
    }

    /** What the page says: which photos are missing, and the two ways on. */
    String problem(List<PhotoKind> missing, Locale locale) {
        String names = String.join(", ", missing.stream().map(k -> text.message("report-page.photo." + k, null, locale)).toList());
        return text.message("report-page.photos.missing", new Object[] { missing.size(), names }, locale);
    }
}

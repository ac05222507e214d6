package org.khanaen.proofs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between anchored entries and the same entries as stored now, said once per thing changed: a report's
 * numbers, each photo, a decision. Spring-free: the app's verification and the offline export verifier both use it.
 */
final class Comparison {

    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> photosSeen = new TreeSet<>();

    /** Compares one entry; {@code now} is null when the entry is no longer stored. */
    void compare(Entry.Kind kind, long id, String anchoredText, Entry now) {
        String subject = (kind == Entry.Kind.REPORT ? "report " : "decision ") + id;
        if (now == null) {
            findings.add(new Finding(Finding.Kind.ENTRY_MISSING, subject, List.of()));
            return;
        }
        List<Entry.Field> anchored = Entry.fieldsOf(anchoredText);
        List<Finding.Change> changes = changes(withoutPhotos(anchored), withoutPhotos(now.fields()));
        if (!changes.isEmpty()) {
            findings.add(new Finding(kind == Entry.Kind.REPORT ? Finding.Kind.REPORT_CHANGED : Finding.Kind.DECISION_CHANGED, subject, changes));
        }
        Map<String, String> photosThen = photos(anchored);
        Map<String, String> photosNow = photos(now.fields());
        Set<String> ids = new TreeSet<>(photosThen.keySet());
        ids.addAll(photosNow.keySet());
        for (String photo : ids) {
            String then = photosThen.get(photo);
            String current = photosNow.get(photo);
            if (!Objects.equals(then, current) && photosSeen.add(photo)) {
                findings.add(new Finding(Finding.Kind.PHOTO_CHANGED, "photo " + photo,
                        List.of(new Finding.Change("photo", then == null ? "" : then, current == null ? "" : current))));
            }
        }
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    static List<Finding.Change> changes(List<Entry.Field> anchored, List<Entry.Field> now) {
        Map<String, String> then = asMap(anchored);
        Map<String, String> current = asMap(now);
        List<Finding.Change> changes = new ArrayList<>();
        Set<String> keys = new java.util.LinkedHashSet<>(then.keySet());
        keys.addAll(current.keySet());
        for (String key : keys) {
            if (!Objects.equals(then.get(key), current.get(key))) {
                changes.add(new Finding.Change(key, Objects.toString(then.get(key), ""), Objects.toString(current.get(key), "")));
            }
        }
        return changes;
    }

    private static Map<String, String> asMap(List<Entry.Field> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.key(), f.value()));
        return map;
    }

    private static List<Entry.Field> withoutPhotos(List<Entry.Field> fields) {
        return fields.stream().filter(f -> !f.key().equals("photo")).toList();
    }

    /** A report's photos by id: {@code photo=<id>:<kind>:<sha256>}. */
    private static Map<String, String> photos(List<Entry.Field> fields) {
        Map<String, String> photos = new LinkedHashMap<>();
        for (Entry.Field f : fields) {
            if (f.key().equals("photo")) {
                int colon = f.value().indexOf(':');
                photos.put(f.value().substring(0, colon), f.value().substring(colon + 1));
            }
        }
        return photos;
    }
}

package org.khanaen.web.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.results.LiveResults;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The national results as JSON bytes, made once per version and view: the document every newsroom polls, so it is
 * serialised once per change rather than once per call.
 */
@Component
class ResultsJson {

    private record Made(long version, byte[] json) {
    }

    private final LiveResults live;
    private final JsonMapper json;
    private final Map<String, Made> made = new ConcurrentHashMap<>();

    ResultsJson(LiveResults live, JsonMapper json) {
        this.live = live;
        this.json = json;
    }

    Optional<byte[]> national(String electionId, LiveResults.View view) {
        String key = electionId + "|" + view;
        long version = live.version(electionId);
        Made m = made.get(key);
        if (m != null && m.version() == version) {
            return Optional.of(m.json());
        }
        return live.national(electionId, view).map(results -> {
            byte[] bytes = json.writeValueAsBytes(results);
            made.put(key, new Made(results.version(), bytes));
            return bytes;
        });
    }

    /** The ETag of an election's results in a view: the fingerprint of what they are made of, the same on every node. */
    static String etag(long stamp, LiveResults.View view) {
        return org.khanaen.web.security.ResultsEtag.of(stamp, view == LiveResults.View.PROVISIONAL);
    }
}

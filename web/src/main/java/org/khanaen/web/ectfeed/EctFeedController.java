package org.khanaen.web.ectfeed;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ect/{election}/refs/info_*.json} and {@code /ect/{election}/records/stats_*.json}: public, no key, built
 * for a CDN or reverse proxy in front. Every answer has a strong ETag (a hash of the bytes) and answers a matching
 * {@code If-None-Match} with 304 and the same caching headers; results files may be cached 5 seconds and served stale
 * while the cache revalidates, reference files (they change only when the election is imported again) ten minutes.
 */
@RestController
@RequestMapping("/ect/{electionId}")
class EctFeedController {

    static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);
    static final CacheControl RESULTS = CacheControl.maxAge(5, TimeUnit.SECONDS).cachePublic().staleWhileRevalidate(30, TimeUnit.SECONDS)
            .staleIfError(600, TimeUnit.SECONDS);
    static final CacheControl REFERENCE = CacheControl.maxAge(600, TimeUnit.SECONDS).cachePublic()
            .staleWhileRevalidate(3600, TimeUnit.SECONDS).staleIfError(86_400, TimeUnit.SECONDS);
    static final CacheControl MISSING = CacheControl.maxAge(60, TimeUnit.SECONDS).cachePublic();

    private final EctFeed feed;

    EctFeedController(EctFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/{folder:refs|records}/{name}")
    ResponseEntity<?> file(@PathVariable String electionId, @PathVariable String folder, @PathVariable String name) {
        String path = folder + "/" + name;
        var file = EctFeed.File.of(path);
        var document = file.flatMap(f -> feed.file(electionId, f));
        if (document.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No file " + path + " for election " + electionId + " (no such election, or the file does not apply to it)");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(MISSING).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*").body(problem);
        }
        EctFeed.Document d = document.get();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(d.etag()).cacheControl(file.get().reference() ? REFERENCE : RESULTS)
                .contentType(JSON_UTF8).header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (d.lastModified() != null) {
            ok.lastModified(d.lastModified());
        }
        return ok.body(d.bytes()); // a matching If-None-Match is answered 304 by Spring, these headers kept
    }
}

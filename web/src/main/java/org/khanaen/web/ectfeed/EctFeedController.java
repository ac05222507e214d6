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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ect/{election}/refs/info_*.json} and {@code /ect/{election}/records/stats_*.json}: public, no key, built
 * for a CDN or reverse proxy in front. Every answer has a strong ETag (a hash of the bytes) and answers a matching
 * {@code If-None-Match} with 304 and the same caching headers; results files may be cached 5 seconds and served stale
 * while the cache revalidates, reference files (they change only when the election is imported again) ten minutes.
 * A request whose Accept-Encoding takes gzip gets the file gzip-compressed (a results file about a tenth the size; the
 * newsrooms polling them every few seconds were most of the traffic), with its own ETag, so that a cache revalidates
 * each representation on its own; every file answer says {@code Vary: Accept-Encoding}.
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
    /** RFC 9110's qvalue: 0 to 1, up to three decimals. */
    private static final java.util.regex.Pattern QVALUE = java.util.regex.Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private final EctFeed feed;

    EctFeedController(EctFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/{folder:refs|records}/{name}")
    ResponseEntity<?> file(@PathVariable String electionId, @PathVariable String folder, @PathVariable String name,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
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
        boolean gzip = acceptsGzip(acceptEncoding);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(gzip ? d.gzipEtag() : d.etag())
                .cacheControl(file.get().reference() ? REFERENCE : RESULTS).contentType(JSON_UTF8)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*").varyBy(HttpHeaders.ACCEPT_ENCODING);
        if (d.lastModified() != null) {
            ok.lastModified(d.lastModified());
        }
        if (gzip) { // made once per file; Tomcat's compression (off: no server.compression) leaves an answer with one alone
            ok.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return ok.body(gzip ? d.gzip() : d.bytes()); // a matching If-None-Match is answered 304 by Spring, these headers kept
    }

    /**
     * Whether an Accept-Encoding header takes gzip: an entry {@code gzip} (or its old name {@code x-gzip}) with a
     * q-value above 0 or none, or, when no entry names it, {@code *} so. Without the header: no (the plain file, as
     * before; RFC 9110 allows either).
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null, any = null;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";");
            String coding = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            boolean accepted = quality(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = accepted || Boolean.TRUE.equals(named);
            } else if (coding.equals("*")) {
                any = accepted;
            }
        }
        return named != null ? named : Boolean.TRUE.equals(any);
    }

    /** An entry's {@code q} parameter: 1 when absent, 0 when not a q-value (then the plain file, which every client reads). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.regionMatches(true, 0, "q=", 0, 2)) {
                return QVALUE.matcher(p.substring(2)).matches() ? Double.parseDouble(p.substring(2)) : 0;
            }
        }
        return 1;
    }
}

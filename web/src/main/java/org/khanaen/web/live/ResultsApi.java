package org.khanaen.web.live;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The results API for media outlets (their key and rate are checked by the security filter): national, province,
 * constituency and station results, a CSV of every station and a stream of changes. Verified numbers only unless
 * {@code ?unverified=true}, in which case waiting final counts are included and marked {@code provisional}. Every
 * read carries an ETag (the fingerprint of the rows the results are made of, the same on every node) and answers 304 to a matching {@code If-None-Match}.
 */
@RestController
@RequestMapping("/api/v1/elections/{electionId}/results")
class ResultsApi {

    private static final CacheControl REVALIDATE = CacheControl.noCache().cachePrivate();

    private record Csv(long version, byte[] bytes) {
    }

    private final LiveResults live;
    private final ResultsJson json;
    private final ResultsStream stream;
    private final QuickCountJson quickCount;
    private final QuickCounts quickCounts;
    private final Map<String, Csv> csvs = new ConcurrentHashMap<>();

    ResultsApi(LiveResults live, ResultsJson json, ResultsStream stream, QuickCountJson quickCount, QuickCounts quickCounts) {
        this.live = live;
        this.json = json;
        this.stream = stream;
        this.quickCount = quickCount;
        this.quickCounts = quickCounts;
    }

    /**
     * The quick count (docs/quick-count.md): before the reveal its commitment only, after it the seed and the estimates
     * from the verified sample stations. 404 when the election has no sample. Its ETag is the document's hash.
     */
    @GetMapping(path = "/quick-count", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> quickCount(@PathVariable String electionId, WebRequest request) {
        version(electionId);
        byte[] body = quickCount.current(electionId).orElseThrow(() -> new NotFound("quick count of " + electionId)).json();
        String etag = "\"qc-" + java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(sha256(body), 12)) + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ok(etag).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The quick count's sample stations once revealed (404 before). */
    @GetMapping(path = "/quick-count/sample.csv", produces = "text/csv")
    ResponseEntity<byte[]> quickCountSample(@PathVariable String electionId) {
        version(electionId);
        return SampleCsv.of(quickCounts.sample(electionId).filter(QuickCounts.PublicSample::revealed)
                .orElseThrow(() -> new NotFound("revealed sample of " + electionId)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> national(@PathVariable String electionId, @RequestParam(defaultValue = "false") boolean unverified,
            WebRequest request) {
        LiveResults.View view = view(unverified);
        String etag = ResultsJson.etag(stamp(electionId), view);
        if (request.checkNotModified(etag)) {
            return null;
        }
        byte[] body = json.national(electionId, view).orElseThrow(() -> new NotFound("election " + electionId));
        return ok(etag).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping(path = "/provinces/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LiveResults.ProvinceResults> province(@PathVariable String electionId, @PathVariable String code,
            @RequestParam(defaultValue = "false") boolean unverified, WebRequest request) {
        return read(electionId, unverified, request, view -> live.province(electionId, code, view), "province " + code);
    }

    @GetMapping(path = "/constituencies/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LiveResults.ConstituencyResults> constituency(@PathVariable String electionId, @PathVariable String code,
            @RequestParam(defaultValue = "false") boolean unverified, WebRequest request) {
        return read(electionId, unverified, request, view -> live.constituency(electionId, code, view), "constituency " + code);
    }

    @GetMapping(path = "/stations/{stationId:\\d+}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LiveResults.StationResults> station(@PathVariable String electionId, @PathVariable long stationId,
            @RequestParam(defaultValue = "false") boolean unverified, WebRequest request) {
        return read(electionId, unverified, request, view -> live.station(electionId, stationId, view), "station " + stationId);
    }

    /** 304 when the client has this version; else the document, or 404 when there is no such place. */
    private <T> ResponseEntity<T> read(String electionId, boolean unverified, WebRequest request,
            java.util.function.Function<LiveResults.View, java.util.Optional<T>> document, String what) {
        LiveResults.View view = view(unverified);
        String etag = ResultsJson.etag(stamp(electionId), view);
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ok(etag).body(document.apply(view).orElseThrow(() -> new NotFound(what)));
    }

    /** Every station and contest as CSV; made once per version (about half a second nationally), then served as is. */
    @GetMapping(path = "/stations.csv", produces = "text/csv")
    ResponseEntity<byte[]> stations(@PathVariable String electionId, @RequestParam(defaultValue = "false") boolean unverified,
            WebRequest request) throws IOException {
        LiveResults.View view = view(unverified);
        String etag = ResultsJson.etag(stamp(electionId), view); // before the version: a newer file may carry an older tag, never the reverse
        long version = version(electionId);
        if (request.checkNotModified(etag)) {
            return null;
        }
        String key = electionId + "|" + view;
        Csv csv = csvs.get(key);
        if (csv == null || csv.version() != version) {
            StringWriter text = new StringWriter();
            live.csv(electionId, view, text);
            csv = new Csv(version, text.toString().getBytes(StandardCharsets.UTF_8));
            csvs.put(key, csv);
        }
        return ok(etag).contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + electionId + "-stations.csv\"").body(csv.bytes());
    }

    /** The stream of changes; with the national results after each (newsrooms read them), unless {@code ?national=false}. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String electionId, @RequestParam(defaultValue = "false") boolean unverified,
            @RequestParam(defaultValue = "true") boolean national) {
        version(electionId);
        return stream.open(electionId, view(unverified), national);
    }

    private long stamp(String electionId) {
        return live.stamp(electionId).orElseThrow(() -> new NotFound("election " + electionId));
    }

    private long version(String electionId) {
        long version = live.version(electionId);
        if (version < 0) {
            throw new NotFound("election " + electionId);
        }
        return version;
    }

    private static LiveResults.View view(boolean unverified) {
        return unverified ? LiveResults.View.PROVISIONAL : LiveResults.View.VERIFIED;
    }

    private static ResponseEntity.BodyBuilder ok(String etag) {
        return ResponseEntity.status(HttpStatus.OK).eTag(etag).cacheControl(REVALIDATE);
    }
}

package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CDN's edge as the origin sees it, for {@link OriginLoad}: answers stored per address as their Cache-Control allows
 * ({@code public} with {@code s-maxage} or {@code max-age}; not {@code private}, {@code no-cache}, {@code no-store}),
 * served while fresh; once stale, within {@code stale-while-revalidate}, served stale while one revalidation (with the
 * stored ETag) goes to the origin; beyond that fetched again, the readers asking meanwhile waiting for that one fetch
 * (request collapsing). Anything not storable goes to the origin each time. Only what reaches the origin is counted.
 */
final class SharedCache {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*(s-maxage|max-age)=(\\d+)");
    private static final Pattern STALE = Pattern.compile("stale-while-revalidate=(\\d+)");

    private record Stored(int status, byte[] body, String etag, long freshUntil, long staleUntil) {
    }

    private final HttpClient http;
    private final ExecutorService background;
    /** What reached the origin. */
    final Tally origin = new Tally();
    private final Map<URI, Stored> stored = new ConcurrentHashMap<>();
    private final Map<URI, Object> locks = new ConcurrentHashMap<>();
    private final Map<URI, Boolean> revalidating = new ConcurrentHashMap<>();

    private final java.util.function.LongSupplier nanos;

    SharedCache(HttpClient http, ExecutorService background) {
        this(http, background, System::nanoTime);
    }

    /** @param nanos the clock (System.nanoTime; a test's own) */
    SharedCache(HttpClient http, ExecutorService background, java.util.function.LongSupplier nanos) {
        this.http = http;
        this.background = background;
        this.nanos = nanos;
    }

    /** What the edge answers a reader: its status and body. */
    Fetch.Answer get(URI uri, String... headers) throws Exception {
        long now = nanos.getAsLong();
        Stored s = stored.get(uri);
        if (s != null && now < s.freshUntil()) {
            return new Fetch.Answer(s.status(), s.body(), s.etag(), null, null, 0);
        }
        if (s != null && now < s.staleUntil()) {
            if (revalidating.putIfAbsent(uri, Boolean.TRUE) == null) {
                background.execute(() -> {
                    try {
                        fetch(uri, s, headers);
                    } catch (Exception e) {
                        origin.failed(e);
                    } finally {
                        revalidating.remove(uri);
                    }
                });
            }
            return new Fetch.Answer(s.status(), s.body(), s.etag(), null, null, 0);
        }
        synchronized (locks.computeIfAbsent(uri, k -> new Object())) {
            Stored again = stored.get(uri);
            if (again != null && nanos.getAsLong() < again.freshUntil()) {
                return new Fetch.Answer(again.status(), again.body(), again.etag(), null, null, 0);
            }
            return fetch(uri, again, headers);
        }
    }

    private Fetch.Answer fetch(URI uri, Stored had, String... headers) throws Exception {
        long asked = nanos.getAsLong();
        Fetch.Answer a = Fetch.get(http, uri, had == null ? null : had.etag(), headers);
        origin.answered(a.status(), a.body().length, a.micros());
        Fetch.Answer served = a.status() == 304 && had != null ? new Fetch.Answer(had.status(), had.body(), had.etag(), null, a.cacheControl(), a.micros()) : a;
        String cacheControl = a.cacheControl() == null ? "" : a.cacheControl().toLowerCase(Locale.ROOT);
        if ((a.status() == 200 || a.status() == 304 && had != null) && storable(cacheControl)) {
            Matcher age = MAX_AGE.matcher(cacheControl);
            long seconds = -1;
            while (age.find()) { // s-maxage wins over max-age for a shared cache
                long v = Long.parseLong(age.group(2));
                seconds = age.group(1).equals("s-maxage") || seconds < 0 ? v : seconds;
            }
            Matcher stale = STALE.matcher(cacheControl);
            long staleSeconds = stale.find() ? Long.parseLong(stale.group(1)) : 0;
            if (seconds > 0) {
                long freshUntil = asked + seconds * 1_000_000_000L;
                stored.put(uri, new Stored(served.status(), served.body(), served.etag(), freshUntil, freshUntil + staleSeconds * 1_000_000_000L));
            }
        }
        return served;
    }

    static boolean storable(String cacheControl) {
        return cacheControl.contains("public") && !cacheControl.contains("private") && !cacheControl.contains("no-cache")
                && !cacheControl.contains("no-store");
    }
}

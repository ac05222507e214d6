package org.khanaen.benchmarks.rehearsal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser: their own HTTP client and cookies (the session), the CSRF token of the last page, redirects
 * followed by hand so that each request is timed on its own. Used by one thread. Every request is recorded in {@link Calls} under its
 * endpoint, and added to the time the current decision has waited on the machine (since {@link #mark()}).
 */
final class PageSession implements AutoCloseable {

    /** An answer: its status, where it redirects (null if not a redirect), its page. */
    record Page(int status, String location, String body) {

        boolean redirect() {
            return status / 100 == 3 && location != null;
        }

        /** The page says a refusal (a flashed problem). */
        boolean refused() {
            return body.contains("class=\"error\" role=\"alert\"");
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final URI base;
    private final Calls calls;
    private final HttpClient http;
    private String csrf;
    private String username;
    private String password;
    private long machineNanos;
    private final List<Long> sinceMark = new ArrayList<>(); // one person, one thread

    PageSession(URI base, Calls calls) {
        this.base = base;
        this.calls = calls;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in with the login form as a browser does; the page landed on, or null (recorded as a problem). */
    Page signIn(String username, String password) throws IOException, InterruptedException {
        this.username = username;
        this.password = password;
        send(HttpRequest.newBuilder(base.resolve("/login")).GET(), "GET /login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        Page answer = post("/login", form, "POST /login");
        if (!answer.redirect() || answer.location().contains("/login") || answer.location().contains("/account/password")) {
            calls.problem("sign-in of " + username + " answered " + answer.status() + " → " + answer.location());
            return null;
        }
        return follow(answer, "GET landing page");
    }

    /** A page; a session lost meanwhile (sent to the login page) is signed in again, as a person would, and counted. */
    Page get(String path, String endpoint) throws IOException, InterruptedException {
        Page page = send(HttpRequest.newBuilder(base.resolve(path)).GET(), endpoint);
        if (page.redirect() && page.location().contains("/login") && username != null) {
            calls.sessionLost();
            if (signIn(username, password) != null) {
                page = send(HttpRequest.newBuilder(base.resolve(path)).GET(), endpoint);
            }
        }
        return page;
    }

    /** A form post, with the CSRF token of the last page read. */
    Page post(String path, Map<String, String> form, String endpoint) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), endpoint);
    }

    /** The page a redirect leads to, as the browser would fetch it. */
    Page follow(Page redirect, String endpoint) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(redirect.location())).GET(), endpoint);
    }

    /** An absolute address (a photo in the bucket), not counted on a session. */
    int fetch(URI uri, String endpoint) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), endpoint).status();
    }

    private Page send(HttpRequest.Builder request, String endpoint) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            calls.problem(endpoint + ": " + e);
            throw e;
        }
        long nanos = System.nanoTime() - start;
        machineNanos += nanos;
        sinceMark.add(nanos / 1000);
        calls.record(endpoint, nanos / 1000, answer.statusCode());
        Matcher m = CSRF.matcher(answer.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return new Page(answer.statusCode(), answer.headers().firstValue("Location").orElse(null), answer.body());
    }

    /** Starts a decision: the machine's time and the calls counted from here. */
    /**
     * Looks at a photo of an item's page as the browser loads it: straight from the bucket by the page's presigned link,
     * or through the app's address and its redirect there.
     */
    void photo(String src, String appEndpoint) throws IOException, InterruptedException {
        if (src.startsWith("http://") || src.startsWith("https://")) {
            fetch(java.net.URI.create(src), "GET photo from the bucket");
            return;
        }
        Page shown = get(src, appEndpoint);
        if (shown.redirect()) {
            fetch(java.net.URI.create(shown.location()), "GET photo from the bucket");
        }
    }

    void mark() {
        machineNanos = 0;
        sinceMark.clear();
    }

    long machineNanos() {
        return machineNanos;
    }

    /** The latencies of the calls since {@link #mark()}, in microseconds. */
    List<Long> callsSinceMark() {
        return List.copyOf(sinceMark);
    }

    @Override
    public void close() {
        http.close();
    }
}

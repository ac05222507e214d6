package org.khanaen.benchmarks.rehearsal;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser on the app's pages: its own cookies (the session), the CSRF token of the last page read sent
 * back with each form, redirects not followed (their Location is the answer). Every request's time goes to
 * {@code latencies} when given.
 */
final class Browser implements AutoCloseable {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    /** A page's answer: status, body, Location (null without). */
    record Page(int status, String body, String location) {
    }

    private final URI base;
    private final HttpClient http;
    private final Figures.Latencies latencies;
    private String csrf;

    Browser(URI base, Figures.Latencies latencies) {
        this.base = base;
        this.latencies = latencies;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in with the login form; false when the app sends the form back (wrong password, locked). */
    boolean signIn(String username, String password) throws Exception {
        get("/login");
        Page answer = post("/login", Map.of("username", username, "password", password));
        return answer.status() == 302 && answer.location() != null && !answer.location().contains("/login");
    }

    Page get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A form post with the CSRF token of the last page read (a page with a form must be read first, as a person does). */
    Page post(String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(form);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /**
     * A form post whose redirect is then followed, as a browser does: a page's one-time notice (a flash attribute) is read
     * by the page it redirects to, not left for a later visit. The post's own answer.
     */
    Page submit(String path, Map<String, String> form, Page[] landed) throws Exception {
        Page answer = post(path, form);
        if (answer.status() == 302 && answer.location() != null) {
            landed[0] = get(path(answer.location()));
        }
        return answer;
    }

    /** A file upload form (multipart) with the CSRF token of the last page read. */
    Page upload(String path, String field, String fileName, String type, byte[] content, Map<String, String> form) throws Exception {
        String boundary = "----khanaen-rehearsal-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
        Map<String, String> all = new LinkedHashMap<>(form);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        for (var e : all.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        // the CSRF token also as a query parameter: a multipart body is read after the security filters
        String withToken = csrf == null ? path : path + (path.contains("?") ? "&" : "?") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(base.resolve(withToken)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** A JSON request with a bearer token (the organisation API); no session, no CSRF. */
    Page json(String method, String path, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    private Page send(HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (latencies != null) {
            latencies.add((System.nanoTime() - start) / 1000);
        }
        Matcher m = CSRF.matcher(answer.body());
        if (m.find()) {
            csrf = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return new Page(answer.statusCode(), answer.body(), answer.headers().firstValue("Location").orElse(null));
    }

    /** The path (and query) of a Location, whatever host the app named (its mail links say localhost:0 with a random port). */
    @Override
    public void close() {
        http.close();
    }

    static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static String find(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}

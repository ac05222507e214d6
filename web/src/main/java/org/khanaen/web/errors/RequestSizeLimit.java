package org.khanaen.web.errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every request body has a limit, by what it is: an upload (a multipart or image body to one of the upload paths)
 * or anything else. A declared Content-Length over the limit is refused before anything reads it (left to Tomcat,
 * the multipart parser fails again inside every filter that looks at a parameter, the error page included). A body
 * without one (chunked) is counted as it is read and fails one byte past the limit: a 400 MB chunked body to the
 * Stripe webhook was read whole, and four at once ran the server out of memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(RequestBodyLimits.class)
class RequestSizeLimit extends OncePerRequestFilter {

    /** Where files are sent: election files, official results, logos, receipts, CSV rosters, station photos. */
    static final List<PathPattern> UPLOAD_PATHS = List.of("/admin/elections/import/file", "/admin/elections/*/official",
            "/admin/organisations/*/logo", "/admin/donations/expenses", "/org/*/import", "/me/report", "/me/report/photos",
            "/api/v1/stations/*/reports", "/api/v1/photos").stream().map(PathPatternParser.defaultInstance::parse).toList();

    private static final String PAGE = """
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ไฟล์ใหญ่เกินไป · File too large</title></head><body>
            <main><h1>ไฟล์ใหญ่เกินไป</h1><p>ไฟล์ที่ส่งมาใหญ่เกินขนาดที่รับได้ (%1$s) <a href="/">กลับหน้าแรก</a></p>
            <h1 lang="en">File too large</h1><p lang="en">The file is larger than we accept (%1$s). <a href="/">Home</a></p></main>
            </body></html>""";

    /** A form of more parts than {@code server.tomcat.max-part-count}: another reason than its size. */
    private static final String TOO_MANY_PARTS = """
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>แบบฟอร์มมีช่องมากเกินไป · Too many fields</title></head><body>
            <main><h1>แบบฟอร์มมีช่องมากเกินไป</h1><p>แบบฟอร์มที่ส่งมามีช่องหรือไฟล์มากเกินกว่าที่รับได้ <a href="/">กลับหน้าแรก</a></p>
            <h1 lang="en">Too many fields</h1><p lang="en">The form sent has more fields or files than we accept. <a href="/">Home</a></p></main>
            </body></html>""";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RequestSizeLimit.class);

    private final RequestBodyLimits limits;

    RequestSizeLimit(RequestBodyLimits limits) {
        this.limits = limits;
    }

    long limitFor(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        boolean file = type.startsWith("multipart/") || type.startsWith("image/");
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        boolean uploadPath = UPLOAD_PATHS.stream().anyMatch(pattern -> pattern.matches(path));
        return (file && uploadPath ? limits.uploads() : limits.standard()).toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, limit);
            return;
        }
        LimitedBody limited = new LimitedBody(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (tooManyParts(e) && !response.isCommitted()) {
                // the sender's doing, like a body past its limit: before, each such form left two ERROR stack traces
                // (the request's and the error page's, which read the parameters again), and anyone could send them
                log.debug("refused a form of too many parts: {} {}", request.getMethod(), request.getRequestURI());
                response.reset();
                response.setStatus(413);
                response.setHeader("Connection", "close");
                response.setContentType("text/html;charset=UTF-8");
                response.getOutputStream().write(TOO_MANY_PARTS.getBytes(StandardCharsets.UTF_8));
                return;
            }
            // read past the limit outside a controller (a filter): still the sender's fault, not a server error
            if (!limited.exceeded() || response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(request, response, limit);
        }
    }

    /** Tomcat's count of a multipart form's parts ran out ({@code server.tomcat.max-part-count}), wherever it was read. */
    static boolean tooManyParts(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        response.setStatus(413);
        response.setHeader("Connection", "close");
        String size = limit >= 1024 * 1024 ? limit / 1024 / 1024 + " MB" : limit / 1024 + " KB";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\"The request body is larger than " + size + ".\",\"instance\":\"" + request.getRequestURI()
                            .replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(PAGE.formatted(size).getBytes(StandardCharsets.UTF_8));
        }
    }
}

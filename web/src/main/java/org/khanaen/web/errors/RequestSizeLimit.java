package org.khanaen.web.errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a request body larger than we accept before anything reads it. Left to Tomcat, the
 * multipart parser fails again inside every filter that looks at a parameter, the error page
 * included; here the sender gets a plain 413 at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    private static final String PAGE = """
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ไฟล์ใหญ่เกินไป · File too large</title></head><body>
            <main><h1>ไฟล์ใหญ่เกินไป</h1><p>ไฟล์ที่ส่งมาใหญ่เกินขนาดที่รับได้ (%1$d MB) <a href="/">กลับหน้าแรก</a></p>
            <h1 lang="en">File too large</h1><p lang="en">The file is larger than we accept (%1$d MB). <a href="/">Home</a></p></main>
            </body></html>""";

    private final long limit;

    RequestSizeLimit(@Value("${spring.servlet.multipart.max-request-size:55MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= limit) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(413);
        response.setHeader("Connection", "close");
        long megabytes = limit / 1024 / 1024;
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\"The request body is larger than " + megabytes + " MB.\",\"instance\":\"" + request.getRequestURI()
                            .replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(PAGE.formatted(megabytes).getBytes(StandardCharsets.UTF_8));
        }
    }
}

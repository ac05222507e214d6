package org.khanaen.web.errors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body counts its bytes as they are read and fails at the first one past the limit, so a chunked
 * body (no Content-Length) is never read further than that. Tomcat's own form and multipart parsers read past this
 * wrapper; they have their own limits ({@code server.tomcat.max-http-form-post-size}, {@code spring.servlet.multipart.*}).
 */
class LimitedBody extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;
    private BufferedReader reader;
    private boolean exceeded;

    LimitedBody(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counting(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
        return reader;
    }

    private final class Counting extends ServletInputStream {

        private final ServletInputStream body;
        private long read;

        Counting(ServletInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            refuseIfExceeded();
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            refuseIfExceeded();
            // never ask for more than one byte past the limit: the sender's surplus stays in the socket
            int n = body.read(buffer, offset, (int) Math.min(length, limit + 1 - read));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void refuseIfExceeded() throws BodyTooLarge {
            if (exceeded) {
                throw new BodyTooLarge(limit);
            }
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                exceeded = true;
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}

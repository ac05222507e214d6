package org.khanaen.web.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;

class LimitedBodyTests {

    /** An endless chunked body, counting what was taken from it. */
    static final class Endless extends ServletInputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            taken += length;
            return length;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }

    @Test
    void anEndlessBodyIsReadNoFurtherThanOneBytePastItsLimit() {
        Endless sent = new Endless();
        var chunked = new HttpServletRequestWrapper(new MockHttpServletRequest("POST", "/api/stripe/webhook")) {
            @Override
            public ServletInputStream getInputStream() {
                return sent;
            }
        };
        LimitedBody body = new LimitedBody(chunked, 1_000_000);

        assertThatThrownBy(() -> body.getInputStream().readAllBytes()).isInstanceOf(BodyTooLarge.class);
        assertThat(sent.taken).isEqualTo(1_000_001);
        assertThat(body.exceeded()).isTrue();
        assertThatThrownBy(() -> body.getInputStream().read(new byte[10])).as("and no further after that").isInstanceOf(BodyTooLarge.class);
        assertThat(sent.taken).isEqualTo(1_000_001);
    }

    @Test
    void aBodyOfExactlyItsLimitIsReadWhole() throws IOException {
        assertThat(new LimitedBody(event(), 14).getReader().readLine()).isEqualTo("{\"id\":\"evt_1\"}");
        assertThatThrownBy(() -> new LimitedBody(event(), 13).getInputStream().readAllBytes()).isInstanceOf(BodyTooLarge.class);
    }

    private static MockHttpServletRequest event() {
        var request = new MockHttpServletRequest("POST", "/api/stripe/webhook");
        request.setContent("{\"id\":\"evt_1\"}".getBytes());
        request.setCharacterEncoding("UTF-8");
        return request;
    }
}

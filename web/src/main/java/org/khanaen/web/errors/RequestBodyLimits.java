package org.khanaen.web.errors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be, counted as it arrives (chunked bodies have no Content-Length to trust).
 *
 * @param standard every body that is not an upload: JSON, form posts, Stripe's webhook (its events are a few KB)
 * @param uploads a multipart or image body sent to one of the upload paths ({@link RequestSizeLimit#UPLOAD_PATHS});
 *                the same as {@code spring.servlet.multipart.max-request-size}, which Tomcat's parser enforces too
 */
@ConfigurationProperties("khanaen.request-body")
record RequestBodyLimits(@DefaultValue("1MB") DataSize standard, @DefaultValue("55MB") DataSize uploads) {
}

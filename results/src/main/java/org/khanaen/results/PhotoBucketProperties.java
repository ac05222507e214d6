package org.khanaen.results;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where photos are kept: an S3-compatible bucket (AWS S3, MinIO, Ceph RGW…). With no endpoint the app starts its own
 * S3 server (s3proxy) on a local folder, so a fresh machine needs no set-up; production names its object store.
 *
 * @param endpoint       the S3 API's address, e.g. {@code https://s3.ap-southeast-1.amazonaws.com} or
 *                       {@code http://minio:9000}; none: the embedded server
 * @param publicEndpoint the same service as browsers and phones reach it, when that differs (a CDN, a public name);
 *                       presigned links carry this host, and it is signed with them
 * @param region         the bucket's region (MinIO and Ceph accept any)
 * @param name           the bucket; created on start when missing
 * @param accessKey      with {@code secretKey}: the store's credentials; both blank: the SDK's default chain (an
 *                       instance role, {@code AWS_ACCESS_KEY_ID}…)
 * @param pathStyle      {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}: what MinIO, Ceph and
 *                       s3proxy expect unless set up for virtual hosts
 * @param uploadTtl      how long a presigned upload link works: long enough for a phone on a slow connection
 * @param viewTtl        how long a presigned link to view a photo works: a war-room page is read within minutes
 * @param embedded       the embedded server's folder and address (only without {@code endpoint})
 */
@ConfigurationProperties("khanaen.photos.bucket")
record PhotoBucketProperties(URI endpoint, URI publicEndpoint, @DefaultValue("us-east-1") String region,
        @DefaultValue("khanaen-photos") String name, String accessKey, String secretKey, @DefaultValue("true") boolean pathStyle,
        @DefaultValue("15m") Duration uploadTtl, @DefaultValue("10m") Duration viewTtl, @DefaultValue Embedded embedded) {

    /**
     * @param directory where the embedded server keeps the bucket; beside the photo folder, never /tmp (evidence)
     * @param host      the address it listens on and signs links for: 127.0.0.1 serves a browser on this machine only;
     *                  phones on the network need the machine's address here
     * @param port      0: any free port
     */
    record Embedded(@DefaultValue("data/bucket") Path directory, @DefaultValue("127.0.0.1") String host, @DefaultValue("0") int port) {
    }

    PhotoBucketProperties {
        if (name == null || !name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalStateException("khanaen.photos.bucket.name must be a valid bucket name (3-63 of a-z 0-9 . -): " + name);
        }
        if ((accessKey == null || accessKey.isBlank()) != (secretKey == null || secretKey.isBlank())) {
            throw new IllegalStateException("khanaen.photos.bucket.access-key and secret-key go together");
        }
        if (uploadTtl.isNegative() || uploadTtl.isZero() || viewTtl.isNegative() || viewTtl.isZero()
                || uploadTtl.compareTo(Duration.ofDays(7)) > 0 || viewTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalStateException("khanaen.photos.bucket upload-ttl and view-ttl: more than 0, at most 7 days (S3's limit)");
        }
    }

    boolean isEmbedded() {
        return endpoint == null || endpoint.toString().isBlank();
    }
}

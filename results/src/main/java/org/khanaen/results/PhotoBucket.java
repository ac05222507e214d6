package org.khanaen.results;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The photos' bucket through the AWS SDK: presigned links for the phones and verifiers, and the few calls the app makes
 * itself (a HEAD per photo, its first bytes, the uploads of the no-script form). Objects are named by their content's
 * SHA-256 and every upload carries that checksum, signed: the store refuses bytes that do not match it, so an object
 * under a hash's name can only ever hold that content, however often and by whom it is sent.
 */
class PhotoBucket implements AutoCloseable {

    /** What the store says of an object. */
    record Facts(long bytes, String contentType, String sha256Base64) {
    }

    /** A presigned upload: PUT the bytes to {@code url} with exactly these headers before {@code expires}. */
    record Upload(URI url, Map<String, String> headers, Instant expires) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration uploadTtl;
    private final Duration viewTtl;
    private final URI browserEndpoint;
    private final AutoCloseable embedded;
    private final URI endpoint;

    PhotoBucket(PhotoBucketProperties properties) {
        URI endpoint = properties.endpoint();
        URI publicEndpoint = properties.publicEndpoint();
        AwsCredentialsProvider credentials;
        EmbeddedS3Server server = null;
        if (properties.isEmbedded()) {
            var e = properties.embedded();
            server = EmbeddedS3Server.start(e.directory(), e.host(), e.port());
            endpoint = server.endpoint();
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(server.identity(), server.credential()));
        } else if (properties.accessKey() != null && !properties.accessKey().isBlank()) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        this.embedded = server;
        this.bucket = properties.name();
        this.uploadTtl = properties.uploadTtl();
        this.viewTtl = properties.viewTtl();
        this.browserEndpoint = publicEndpoint == null || publicEndpoint.toString().isBlank() ? endpoint : publicEndpoint;
        Region region = Region.of(properties.region());
        var s3 = S3Client.builder().region(region).credentialsProvider(credentials).forcePathStyle(properties.pathStyle())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build());
        if (endpoint != null) {
            s3.endpointOverride(endpoint);
        }
        this.s3 = s3.build();
        var presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (browserEndpoint != null) {
            presigner.endpointOverride(browserEndpoint);
        }
        this.presigner = presigner.build();
        this.endpoint = endpoint;
    }

    /** Creates the bucket when it is missing (the embedded server's first start, a fresh MinIO). */
    void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Where the app reaches the store; null: AWS's default for the region. */
    URI endpoint() {
        return endpoint;
    }

    /** Where browsers reach the store (for the pages' Content-Security-Policy); empty: the default AWS host. */
    Optional<String> browserOrigin() {
        if (browserEndpoint == null) {
            return Optional.empty();
        }
        return Optional.of(browserEndpoint.getScheme() + "://" + browserEndpoint.getAuthority());
    }

    Upload presignUpload(String key, long bytes, String contentType, String sha256Base64) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p.signatureDuration(uploadTtl)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(bytes).checksumSHA256(sha256Base64)));
        Map<String, String> headers = new LinkedHashMap<>();
        // host and content-length are the HTTP client's own; browsers refuse to set them
        signed.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Upload(URI.create(signed.url().toString()), headers, signed.expiration());
    }

    /** A link to view the photo, answered with its own type and kept out of shared caches. */
    URI presignView(String key, String contentType) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(viewTtl)
                .getObjectRequest(r -> r.bucket(bucket).key(key).responseContentType(contentType).responseCacheControl("private, no-store")))
                .url().toString());
    }

    /** The object's size, type and SHA-256 as the store recorded them; empty when there is no such object. */
    Optional<Facts> facts(String key) {
        try {
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            return Optional.of(new Facts(head.contentLength(), head.contentType(), head.checksumSHA256()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's first bytes (at most {@code count}): enough to see what it really is and its declared size. */
    byte[] firstBytes(String key, int count) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key).range("bytes=0-" + (count - 1))).asByteArray();
    }

    /** Stores bytes the app holds (the no-script form, photos moved from disk); the store checks them against the hash. */
    void put(String key, byte[] content, String contentType, String sha256Base64) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength((long) content.length).checksumSHA256(sha256Base64),
                RequestBody.fromBytes(content));
    }

    @Override
    public void close() throws Exception {
        presigner.close();
        s3.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}

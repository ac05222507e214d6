package org.khanaen.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 server of the default set-up: s3proxy serving the S3 protocol (signatures, presigned links, SHA-256 checksums,
 * CORS) on a local folder, in this JVM but in a class loader of its own whose parent is the JDK's platform loader, so
 * none of its libraries (a shaded Jetty, Guava, logback, cloud SDKs) meets the application's. By their dependency
 * trees, s3proxy 2.6.0 on the application's class path would bring Jetty 11 with the Servlet 5 API beside Boot 4's
 * Tomcat and Servlet 6.1, and 4.0.0 some 200 libraries (gRPC, OpenTelemetry, Google and Azure SDKs); isolated it starts
 * in about 2 s (measured). A child process would isolate it as well but outlive an app killed with SIGKILL, still
 * holding the folder and the port.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);

    /** The all-in-one jar the build copies next to this class (results/pom.xml). */
    static final String JAR = "embedded/s3proxy.jar";

    private final URLClassLoader loader;
    private final Object server;
    private final URI endpoint;
    private final String identity;
    private final String credential;

    private EmbeddedS3Server(URLClassLoader loader, Object server, URI endpoint, String identity, String credential) {
        this.loader = loader;
        this.server = server;
        this.endpoint = endpoint;
        this.identity = identity;
        this.credential = credential;
    }

    /** Starts it on {@code directory} (buckets are its sub-folders), listening on host:port (0: any free port). */
    static EmbeddedS3Server start(Path directory, String host, int port) {
        try {
            Files.createDirectories(directory);
            Path jar = jar(directory.toAbsolutePath().getParent() == null ? directory.toAbsolutePath() : directory.toAbsolutePath().getParent());
            String identity = "khanaen";
            String credential = UUID.randomUUID().toString(); // a fresh secret each start: only this JVM ever holds it
            Properties p = new Properties();
            p.setProperty("jclouds.provider", "filesystem-nio2");
            p.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
            p.setProperty("jclouds.identity", identity);
            p.setProperty("jclouds.credential", credential);
            p.setProperty("s3proxy.endpoint", "http://" + host + ":" + port);
            p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            p.setProperty("s3proxy.identity", identity);
            p.setProperty("s3proxy.credential", credential);
            // the phone's page puts photos straight into the bucket from the app's origin; the presigned signature,
            // not the origin, is what authorises an upload
            p.setProperty("s3proxy.cors-allow-all", "true");
            URLClassLoader loader = new URLClassLoader("s3proxy", new URL[] { jar.toUri().toURL() }, ClassLoader.getPlatformClassLoader());
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader); // its libraries look services up through it; its server threads inherit it
            try {
                Object store = loader.loadClass("org.gaul.s3proxy.BlobStores").getMethod("create", String.class, Properties.class)
                        .invoke(null, "filesystem-nio2", p);
                Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
                Object builder = builderType.getMethod("fromProperties", Properties.class).invoke(null, p);
                builder = builderType.getMethod("blobStore", loader.loadClass("org.gaul.s3proxy.blobstore.BlobStore")).invoke(builder, store);
                Object server = builderType.getMethod("build").invoke(builder);
                server.getClass().getMethod("start").invoke(server);
                int actual = (int) server.getClass().getMethod("getPort").invoke(server);
                URI endpoint = URI.create("http://" + host + ":" + actual);
                log.info("Embedded S3 server (s3proxy) at {} on {}", endpoint, directory.toAbsolutePath());
                return new EmbeddedS3Server(loader, server, endpoint, identity, credential);
            } finally {
                thread.setContextClassLoader(before);
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the embedded S3 server did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the embedded S3 server's jar is not the expected s3proxy", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded S3 server could not be prepared", e);
        }
    }

    /**
     * The jar as a file: where it lies in a build folder, or copied once out of the application's jar (a class loader
     * reads only files), next to the bucket's folder, named by its size so that a new version replaces it.
     */
    private static Path jar(Path folder) throws IOException {
        URL resource = EmbeddedS3Server.class.getResource(JAR);
        if (resource == null) {
            throw new IllegalStateException("no embedded S3 server in this build (" + JAR + "): set khanaen.photos.bucket.endpoint");
        }
        if ("file".equals(resource.getProtocol())) {
            return Path.of(URI.create(resource.toString()));
        }
        var connection = resource.openConnection();
        Path target = folder.resolve(".s3proxy").resolve("s3proxy-" + connection.getContentLengthLong() + ".jar");
        if (Files.isRegularFile(target) && Files.size(target) == connection.getContentLengthLong()) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), "s3proxy", ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    URI endpoint() {
        return endpoint;
    }

    String identity() {
        return identity;
    }

    String credential() {
        return credential;
    }

    @Override
    public void close() {
        try {
            server.getClass().getMethod("stop").invoke(server);
        } catch (ReflectiveOperationException e) {
            log.warn("The embedded S3 server did not stop cleanly: {}", e.toString());
        }
        try {
            loader.close();
        } catch (IOException e) {
            log.debug("closing the embedded S3 server's class loader", e);
        }
    }
}

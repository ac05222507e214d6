package org.khanaen.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.khanaen.results.Photos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --khanaen.photos.to-bucket=DIR}: copies the photo files kept on disk before photos moved to the bucket into the
 * configured bucket, prints the counts and exits (0 done, 1 not). Safe to run again: what is there already is left.
 * {@code ./khanaen photos-to-bucket [DIR]} runs it (DIR: {@code khanaen.photos.directory}, data/photos by default).
 */
@Component
@Order(101)
class PhotosToBucketCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PhotosToBucketCommand.class);

    private final Photos photos;
    private final ApplicationContext context;
    private final String folder;

    PhotosToBucketCommand(Photos photos, ApplicationContext context, @Value("${khanaen.photos.to-bucket:}") String folder) {
        this.photos = photos;
        this.context = context;
        this.folder = folder;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (folder.isBlank()) {
            return;
        }
        int exitCode;
        Path from = Path.of(folder);
        if (!Files.isDirectory(from)) {
            log.error("No photo folder at {}", from.toAbsolutePath());
            exitCode = 1;
        } else {
            try {
                Photos.Moved moved = photos.moveFromDisk(from, line -> log.warn("{}", line));
                log.info("Photos from {} into the bucket: {} copied, {} already there, {} skipped", from.toAbsolutePath(), moved.copied(),
                        moved.alreadyThere(), moved.skipped());
                exitCode = moved.skipped() == 0 ? 0 : 1;
            } catch (java.io.IOException | RuntimeException e) {
                log.error("Moving photos from {} stopped: {}", from.toAbsolutePath(), e.toString());
                exitCode = 1;
            }
        }
        int code = exitCode;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }
}

package org.khanaen.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The commission's sample of official 2023 results (two provinces, three constituencies), kept in the repository (reference/ect-2566/README.md). */
public final class EctSample {

    private static final Path SAMPLE = Path.of("../reference/ect-2566/sample_results_2_provinces.json");

    private EctSample() {
    }

    /** The sample, found from a module's folder (Maven's) or the repository's (an IDE's). */
    public static Path path() {
        for (Path p : List.of(SAMPLE, Path.of("reference/ect-2566/sample_results_2_provinces.json"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the sample results file is not at " + SAMPLE.toAbsolutePath());
    }
}

package org.khanaen.elections.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.khanaen.elections.ect.EctBundleReader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The 2023 bundle as shipped, for tests to read or to break on purpose. */
final class ReferenceBundles {

    private ReferenceBundles() {
    }

    static Map<String, SourceFile> th2566() {
        try {
            Map<String, SourceFile> files = new HashMap<>();
            for (var r : new PathMatchingResourcePatternResolver().getResources("classpath*:reference/th-2566/*")) {
                files.put(r.getFilename(), new SourceFile(r.getFilename(), r.getContentAsByteArray()));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ElectionDefinition th2566Definition() {
        return EctBundleReader.read(th2566(), new Problems());
    }
}

package org.khanaen.elections;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.khanaen.elections.ect.EctBundleReader;
import org.khanaen.elections.importing.DefinitionReader;
import org.khanaen.elections.importing.ElectionImporter;
import org.khanaen.elections.importing.Problems;
import org.khanaen.elections.importing.SourceFile;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * Loads elections: the reference elections that ship inside Khanaen (2023: {@code th-2566}), an
 * election definition file (JSON), or a bundle of ECT files (ZIP). Either everything loads or
 * nothing does, and every problem found is reported with its file and record.
 */
@Service
public class ElectionImports {

    static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
    private static final String BUILT_IN = "classpath*:reference/*/" + EctBundleReader.META;

    private final ElectionImporter importer;
    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    ElectionImports(ElectionImporter importer) {
        this.importer = importer;
    }

    /** The ids of the elections that ship with Khanaen. */
    public List<String> builtIn() {
        try {
            return Arrays.stream(resources.getResources(BUILT_IN))
                    .map(r -> folderOf(r)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImportReport importBuiltIn(String id) {
        if (!builtIn().contains(id)) {
            throw new ElectionImportFailed(List.of(new ImportProblem(id, "", "no such built-in election; known: " + builtIn())));
        }
        try {
            Map<String, SourceFile> files = new HashMap<>();
            for (Resource r : resources.getResources("classpath*:reference/" + id + "/*")) {
                files.put(r.getFilename(), new SourceFile(r.getFilename(), r.getContentAsByteArray()));
            }
            Problems problems = problems();
            return importer.store(EctBundleReader.read(files, problems), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An election definition ({@code .json}) or a bundle of ECT files ({@code .zip}). */
    public ImportReport importFile(String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        if (content.length == 0) {
            throw failed(name, "the file is empty");
        }
        if (content.length > MAX_UPLOAD_BYTES) {
            throw failed(name, "the file is larger than " + MAX_UPLOAD_BYTES / 1024 / 1024 + " MB");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Problems problems = problems();
        if (lower.endsWith(".zip")) {
            return importer.store(EctBundleReader.read(unzip(name, content), problems), problems);
        }
        if (lower.endsWith(".json")) {
            return importer.store(DefinitionReader.read(new SourceFile(name, content), problems), problems);
        }
        throw failed(name, "expected an election definition (.json) or a ZIP of ECT files (.zip)");
    }

    private static Problems problems() {
        return new Problems();
    }

    private static Map<String, SourceFile> unzip(String name, byte[] content) {
        Map<String, SourceFile> files = new HashMap<>();
        long total = 0;
        try (var zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (files.size() >= 50) {
                    throw failed(name, "more than 50 files in the ZIP");
                }
                // Read with a cap: a small ZIP can unpack to gigabytes.
                byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UPLOAD_BYTES - total + 1));
                total += bytes.length;
                if (total > MAX_UPLOAD_BYTES) {
                    throw failed(name, "the ZIP unpacks to more than " + MAX_UPLOAD_BYTES / 1024 / 1024 + " MB");
                }
                String fileName = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                files.put(fileName, new SourceFile(fileName, bytes));
            }
        } catch (IOException e) {
            throw failed(name, "not a readable ZIP file: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw failed(name, "not a ZIP file, or an empty one");
        }
        return files;
    }

    private static ElectionImportFailed failed(String file, String message) {
        return new ElectionImportFailed(List.of(new ImportProblem(file, "", message)));
    }

    private static String folderOf(Resource resource) {
        try {
            String url = resource.getURL().toString();
            String folder = url.substring(0, url.lastIndexOf('/'));
            return folder.substring(folder.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

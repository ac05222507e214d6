package org.khanaen.proofs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.rewards.RootAnchors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * An election's open data as one zip, the same layout every time ({@link OpenDataLayout}): each table as CSV
 * ({@code csv/<table>.csv}, UTF-8, a header row) and as JSON Lines ({@code json/<table>.jsonl}, one object a line, the
 * same keys), a README with the data dictionary and {@code data-dictionary.json}. Rows in id order, entries with a fixed
 * time, so the same data gives the same bytes. Tables are read a page at a time and written through temporary files:
 * a national election's 380,000 reports never sit in memory.
 */
@Component
class OpenDataExport {

    private static final int PAGE = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 1980-01-01, the zip format's first day: entries carry no export time. */
    private static final long FIXED_TIME = 315_532_800_000L;

    private final ElectionCatalog catalog;
    private final ResultsRecords records;
    private final Leaves leaves;
    private final Trees trees;
    private final RootAnchors anchors;

    OpenDataExport(ElectionCatalog catalog, ResultsRecords records, Leaves leaves, Trees trees, RootAnchors anchors) {
        this.catalog = catalog;
        this.records = records;
        this.leaves = leaves;
        this.trees = trees;
        this.anchors = anchors;
    }

    boolean write(String election, OutputStream out) throws IOException {
        if (!catalog.exists(election)) {
            return false;
        }
        Map<OpenDataLayout.Table, TableFiles> files = new LinkedHashMap<>();
        try {
            for (OpenDataLayout.Table t : OpenDataLayout.TABLES) {
                files.put(t, new TableFiles(t));
            }
            stations(election, files.get(OpenDataLayout.STATIONS));
            contests(election, files.get(OpenDataLayout.CONTESTS));
            reports(election, files.get(OpenDataLayout.REPORTS), files.get(OpenDataLayout.PHOTOS));
            decisions(election, files.get(OpenDataLayout.DECISIONS));
            leavesAndTrees(election, files.get(OpenDataLayout.LEAVES), files.get(OpenDataLayout.TREES));
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            put(zip, "README.md", readme(election).getBytes(StandardCharsets.UTF_8));
            put(zip, "data-dictionary.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(dictionary()));
            for (TableFiles f : files.values()) {
                f.close();
                put(zip, "csv/" + f.table.name() + ".csv", f.csv);
            }
            for (TableFiles f : files.values()) {
                put(zip, "json/" + f.table.name() + ".jsonl", f.json);
            }
            zip.finish();
            zip.flush();
            return true;
        } finally {
            for (TableFiles f : files.values()) {
                f.delete();
            }
        }
    }

    private void stations(String election, TableFiles out) {
        Page<StationView> page;
        int n = 0;
        do {
            page = catalog.stations(election, Optional.empty(), PageRequest.of(n++, PAGE));
            for (StationView s : page) {
                out.row(List.of(String.valueOf(s.id()), s.code(), value(s.constituency()), value(s.province()), value(s.district()),
                        String.valueOf(s.number()), s.name().th(), s.name().en(), String.valueOf(s.registeredVoters())));
            }
        } while (page.hasNext());
    }

    private void contests(String election, TableFiles out) {
        long after = 0;
        List<ResultsRecords.Published> page;
        while (!(page = records.publishedAfter(election, after, PAGE)).isEmpty()) {
            for (ResultsRecords.Published p : page) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(p.stationId()), p.contest(), p.state(), String.valueOf(p.version())));
                p.numbers().forEach(f -> row.add(f.value()));
                row.add(Entry.time(p.verifiedAt()));
                out.row(row);
            }
            after = page.getLast().id();
        }
    }

    private void reports(String election, TableFiles reports, TableFiles photos) {
        long after = 0;
        List<Entry> page;
        while (!(page = records.reportsAfter(election, after, PAGE)).isEmpty()) {
            for (Entry e : page) {
                List<String> row = new ArrayList<>();
                List<String> named = new ArrayList<>();
                for (Entry.Field f : e.fields()) {
                    if (f.key().equals("photo")) {
                        named.add(f.value());
                        String[] p = f.value().split(":", 3);
                        photos.row(List.of(p[0], String.valueOf(e.id()), p[1], p[2]));
                    } else {
                        row.add(f.value());
                    }
                }
                row.add(String.join(" ", named));
                reports.row(row);
            }
            after = page.getLast().id();
        }
    }

    private void decisions(String election, TableFiles out) {
        long after = 0;
        List<Entry> page;
        while (!(page = records.decisionsAfter(election, after, PAGE)).isEmpty()) {
            page.forEach(e -> out.row(e.fields().stream().map(Entry.Field::value).toList()));
            after = page.getLast().id();
        }
    }

    private void leavesAndTrees(String election, TableFiles leafTable, TableFiles treeTable) {
        List<Long> ids = leaves.treesOf(election);
        List<Trees.Tree> found = trees.all(ids);
        Map<String, RootAnchors.Anchor> anchored = anchors.of(found.stream().map(Trees.Tree::root).toList());
        String contract = anchors.contract().orElse("");
        Map<Long, Trees.Tree> byId = new HashMap<>();
        found.forEach(t -> byId.put(t.id(), t));
        for (long id : ids) {
            MerkleTree tree = MerkleTree.of(leaves.hashesOf(id));
            for (Leaves.Leaf l : leaves.ofElectionInTree(election, id)) {
                leafTable.row(List.of(l.kind().name(), String.valueOf(l.sourceId()), String.valueOf(id), String.valueOf(l.index()), l.leafHash(),
                        l.content(), String.join(" ", tree.inclusionProof(l.index()).stream().map(MerkleTree::hex).toList())));
            }
            Trees.Tree t = byId.get(id);
            RootAnchors.Anchor a = anchored.get(t.root());
            boolean done = a != null && a.anchored();
            treeTable.row(List.of(String.valueOf(id), String.valueOf(t.size()), t.root(), String.valueOf(done),
                    done ? value(a.block()) : "", done ? value(a.txHash()) : "", contract));
        }
    }

    private static String value(Object o) {
        return o == null ? "" : o.toString();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static void put(ZipOutputStream zip, String name, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static Map<String, Object> dictionary() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", "khanaen-open-data-v1");
        d.put("record_encoding", "docs/public-record.md: khanaen-report-v1, khanaen-decision-v1");
        List<Map<String, Object>> tables = new ArrayList<>();
        for (OpenDataLayout.Table t : OpenDataLayout.TABLES) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("files", List.of("csv/" + t.name() + ".csv", "json/" + t.name() + ".jsonl"));
            m.put("description", t.description());
            List<Map<String, String>> columns = new ArrayList<>();
            t.columns().forEach(c -> columns.add(Map.of("name", c.name(), "description", c.description())));
            m.put("columns", columns);
            tables.add(m);
        }
        d.put("tables", tables);
        return d;
    }

    private static String readme(String election) {
        StringBuilder s = new StringBuilder("# Khanaen open data: ").append(election).append("\n\n").append("""
                Unofficial station-level results collected by the Khanaen coalition's volunteers, every report and every
                decision on them, and the public, tamper-evident record of them: each report and decision is hashed
                (its canonical text is in `leaves`), the hashes are rolled into RFC 6962 Merkle trees, and each tree's
                root is anchored on chain (`trees`). Check this file against the chain, without Khanaen's servers:

                    ./khanaen verify-export THIS.zip --rpc https://an-ethereum-node

                Each table is here twice: `csv/<table>.csv` (UTF-8, header row) and `json/<table>.jsonl` (one JSON
                object per line, the same keys). Empty CSV values and JSON "" mean "not given". Times are UTC.
                No personal data: reporters and verifiers appear only as pseudonyms.

                """);
        for (OpenDataLayout.Table t : OpenDataLayout.TABLES) {
            s.append("## ").append(t.name()).append("\n\n").append(t.description()).append("\n\n| column | meaning |\n|---|---|\n");
            t.columns().forEach(c -> s.append("| `").append(c.name()).append("` | ").append(c.description().replace("|", "\\|")).append(" |\n"));
            s.append('\n');
        }
        return s.toString();
    }

    /** One table's CSV and JSON Lines, written side by side into temporary files. */
    private static final class TableFiles {
        final OpenDataLayout.Table table;
        final Path csv;
        final Path json;
        private final CSVPrinter csvOut;
        private final Writer jsonOut;

        TableFiles(OpenDataLayout.Table table) throws IOException {
            this.table = table;
            this.csv = Files.createTempFile("khanaen-export-", ".csv");
            this.json = Files.createTempFile("khanaen-export-", ".jsonl");
            this.csvOut = new CSVPrinter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setHeader(table.names().toArray(String[]::new)).get());
            this.jsonOut = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(json), StandardCharsets.UTF_8));
        }

        void row(List<String> values) {
            if (values.size() != table.columns().size()) {
                throw new IllegalStateException(table.name() + ": " + values.size() + " values for " + table.columns().size() + " columns");
            }
            try {
                csvOut.printRecord(values);
                Map<String, String> object = new LinkedHashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    object.put(table.columns().get(i).name(), values.get(i));
                }
                jsonOut.write(JSON.writeValueAsString(object));
                jsonOut.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            csvOut.close();
            jsonOut.close();
        }

        void delete() {
            try {
                csvOut.close();
                jsonOut.close();
                Files.deleteIfExists(csv);
                Files.deleteIfExists(json);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }
}

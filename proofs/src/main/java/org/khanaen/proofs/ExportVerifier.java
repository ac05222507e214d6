package org.khanaen.proofs;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Verifies an open-data export on its own, without Khanaen's app or database: every kept record hashes to its leaf,
 * every leaf's proof leads to its tree's root, every root is on chain in the block the export says (asked of any
 * Ethereum node), and every report, decision and published number in the export is the anchored one. Prints what does
 * not match, one line per thing changed. {@code ./khanaen verify-export FILE --rpc URL}; exit code 0 when everything
 * matches, 1 when something does not, 2 when the file cannot be read.
 */
public final class ExportVerifier {

    /** What the verifier asks of a chain. */
    interface Chain {
        /** The block in which the contract anchored the root; 0 when it has not. */
        long anchoredIn(String contract, String root) throws IOException;
    }

    record Result(List<Finding> findings, List<String> notes) {
    }

    private ExportVerifier() {
    }

    public static void main(String[] args) {
        Path file = null;
        String rpc = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rpc") && i + 1 < args.length) {
                rpc = args[++i];
            } else if (file == null && !args[i].isBlank()) {
                file = Path.of(args[i]);
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            System.err.println("usage: ./khanaen verify-export FILE.zip [--rpc URL]");
            System.exit(2);
        }
        try {
            Result result = verify(file, rpc == null ? Optional.empty() : Optional.of(Web3jChain.at(rpc)));
            System.exit(print(result, System.out) ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not verify " + file + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** @return whether everything matched */
    static boolean print(Result result, PrintStream out) {
        result.notes().forEach(out::println);
        if (result.findings().isEmpty()) {
            out.println("Everything in the export matches the anchored record.");
            return true;
        }
        out.println("DOES NOT MATCH (" + result.findings().size() + "):");
        for (Finding f : result.findings()) {
            StringBuilder line = new StringBuilder("  ").append(f.kind()).append(' ').append(f.subject());
            String sep = ": ";
            for (Finding.Change c : f.changes()) {
                line.append(sep).append(c.field()).append(" anchored '").append(c.anchored()).append("', now '").append(c.now()).append('\'');
                sep = "; ";
            }
            out.println(line);
        }
        return false;
    }

    static Result verify(Path zip, Optional<Chain> chain) throws IOException {
        List<String> notes = new ArrayList<>();
        Comparison comparison = new Comparison();
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<CSVRecord> trees = table(z, OpenDataLayout.TREES);
            List<CSVRecord> leaves = table(z, OpenDataLayout.LEAVES);
            Map<String, CSVRecord> treeById = new HashMap<>();
            trees.forEach(t -> treeById.put(t.get("tree"), t));

            // 1. the kept records, their leaves and proofs
            Map<String, String> anchoredText = new LinkedHashMap<>();
            Map<String, List<String>> anchoredDecisionsOfStation = new HashMap<>();
            for (CSVRecord l : leaves) {
                String kind = l.get("kind");
                String subject = ("REPORT".equals(kind) ? "report " : "decision ") + l.get("id");
                CSVRecord tree = treeById.get(l.get("tree"));
                boolean intact = Kept.intact(l.get("record"), l.get("leaf_hash"));
                List<byte[]> proof = l.get("proof").isBlank() ? List.of()
                        : Arrays.stream(l.get("proof").split(" ")).map(MerkleTree::unhex).toList();
                boolean proven = tree != null && MerkleTree.proves(MerkleTree.unhex(l.get("leaf_hash")), Long.parseLong(l.get("leaf_index")),
                        Long.parseLong(tree.get("size")), proof, MerkleTree.unhex(tree.get("root")));
                if (!intact || !proven) {
                    comparison.add(new Finding(Finding.Kind.RECORD_ALTERED, subject,
                            List.of(new Finding.Change(!intact ? "record" : "proof", l.get("leaf_hash"), !intact ? "another text" : "no path to the root"))));
                }
                anchoredText.put(kind + ":" + l.get("id"), l.get("record"));
                if ("DECISION".equals(kind)) {
                    String station = Entry.fieldsOf(l.get("record")).stream().filter(f -> f.key().equals("station")).map(Entry.Field::value)
                            .findFirst().orElse("");
                    anchoredDecisionsOfStation.computeIfAbsent(station, k -> new ArrayList<>()).add(l.get("record"));
                }
            }

            // 2. the roots on chain
            long anchored = trees.stream().filter(t -> "true".equals(t.get("anchored"))).count();
            notes.add("Export: " + leaves.size() + " anchored entries in " + trees.size() + " trees, " + anchored + " of them anchored on chain.");
            if (chain.isPresent()) {
                int found = 0;
                for (CSVRecord t : trees) {
                    if (!"true".equals(t.get("anchored"))) {
                        continue;
                    }
                    long block = chain.get().anchoredIn(t.get("contract"), t.get("root"));
                    if (block == 0 || block != Long.parseLong(t.get("block"))) {
                        comparison.add(new Finding(Finding.Kind.ROOT_NOT_ON_CHAIN, "tree " + t.get("tree"),
                                List.of(new Finding.Change("block", t.get("block"), block == 0 ? "not anchored" : String.valueOf(block)))));
                    } else {
                        found++;
                    }
                }
                notes.add("Chain: " + found + " of " + anchored + " roots found in the blocks the export names.");
            } else {
                notes.add("Chain: not asked (no --rpc): the roots themselves are not checked.");
            }

            // 3. the reports and decisions as exported against their anchored texts
            int notYet = 0;
            Map<String, Boolean> seen = new HashMap<>();
            for (CSVRecord r : table(z, OpenDataLayout.REPORTS)) {
                Entry now = report(r);
                notYet += compare(comparison, anchoredText, seen, now);
            }
            for (CSVRecord d : table(z, OpenDataLayout.DECISIONS)) {
                notYet += compare(comparison, anchoredText, seen, decision(d));
            }
            for (String key : anchoredText.keySet()) {
                if (!seen.containsKey(key)) {
                    String[] k = key.split(":");
                    comparison.compare(Entry.Kind.valueOf(k[0]), Long.parseLong(k[1]), anchoredText.get(key), null);
                }
            }
            if (notYet > 0) {
                notes.add(notYet + " entries are newer than the last round: not yet in a tree, so not checked.");
            }

            // 4. the published numbers against the anchored decisions that made them
            for (CSVRecord c : table(z, OpenDataLayout.CONTESTS)) {
                List<Entry.Field> numbers = new Entry.Fields().add("votes", c.get("votes")).add("valid", c.get("valid"))
                        .add("invalid", c.get("invalid")).add("no_vote", c.get("no_vote")).add("ballots_used", c.get("ballots_used")).list();
                Kept.comparePublished(Long.parseLong(c.get("station")), c.get("contest"), Integer.parseInt(c.get("version")), numbers,
                        anchoredDecisionsOfStation.getOrDefault(c.get("station"), List.of()), comparison);
            }
        }
        return new Result(comparison.findings(), notes);
    }

    private static int compare(Comparison comparison, Map<String, String> anchored, Map<String, Boolean> seen, Entry now) {
        String key = now.kind().name() + ":" + now.id();
        seen.put(key, true);
        String text = anchored.get(key);
        if (text == null) {
            return 1;
        }
        comparison.compare(now.kind(), now.id(), text, now);
        return 0;
    }

    /** A report's entry from its row: the columns are the encoding's keys, its photos one line each at the end. */
    static Entry report(CSVRecord r) {
        Entry.Fields f = new Entry.Fields();
        for (OpenDataLayout.Column c : OpenDataLayout.REPORTS.columns()) {
            if (!c.name().equals("photos")) {
                f.add(c.name(), r.get(c.name()));
            }
        }
        for (String photo : r.get("photos").split(" ")) {
            if (!photo.isBlank()) {
                f.add("photo", photo);
            }
        }
        return new Entry(Entry.Kind.REPORT, Long.parseLong(r.get("report")), r.get("election"), Long.parseLong(r.get("station")), r.get("contest"),
                f.list());
    }

    static Entry decision(CSVRecord r) {
        Entry.Fields f = new Entry.Fields();
        OpenDataLayout.DECISIONS.columns().forEach(c -> f.add(c.name(), r.get(c.name())));
        return new Entry(Entry.Kind.DECISION, Long.parseLong(r.get("decision")), r.get("election"), Long.parseLong(r.get("station")),
                r.get("contest"), f.list());
    }

    private static List<CSVRecord> table(ZipFile zip, OpenDataLayout.Table table) throws IOException {
        ZipEntry entry = zip.getEntry("csv/" + table.name() + ".csv");
        if (entry == null) {
            throw new IOException("not a Khanaen export: csv/" + table.name() + ".csv is missing");
        }
        try (var reader = new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}

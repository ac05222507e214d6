package org.khanaen.elections.importing;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.khanaen.elections.importing.ElectionDefinition.Origin;

/** A CSV file with a header row, read with Commons CSV; rows are labelled by their line in the file. */
public final class CsvTable {

    private CsvTable() {
    }

    public record Row(Origin origin, CSVRecord record, Problems problems) {

        public String text(String column) {
            String value = record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
            if (value.isEmpty()) {
                problems.add(origin, "missing value in column \"" + column + "\"");
                return null;
            }
            return value;
        }

        public Double optionalDecimal(String column) {
            String value = record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
            if (value.isEmpty()) {
                return null;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                problems.add(origin, "column \"" + column + "\" must be a number, not \"" + value + "\"");
                return null;
            }
        }
    }

    public static List<Row> read(SourceFile file, List<String> requiredColumns, String keyColumn, Problems problems) {
        Optional<String> text = file.text(problems);
        if (text.isEmpty()) {
            return List.of();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<Row> rows = new ArrayList<>();
        try (var parser = format.parse(new StringReader(text.get()))) {
            List<String> missing = requiredColumns.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                problems.add(Origin.of(file.name()), "missing column(s) " + missing + " in the header row");
                return List.of();
            }
            for (CSVRecord record : parser) {
                String key = record.isSet(keyColumn) ? record.get(keyColumn) : "";
                rows.add(new Row(new Origin(file.name(), "line " + (record.getRecordNumber() + 1)
                        + (key.isBlank() ? "" : " (" + keyColumn + " \"" + key + "\")")), record, problems));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            problems.add(Origin.of(file.name()), "not readable as CSV: " + e.getMessage());
        }
        return rows;
    }
}

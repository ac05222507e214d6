package org.khanaen.elections.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.khanaen.elections.importing.ElectionDefinition.Origin;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object in an import file, read field by field so that a missing or malformed field
 * becomes a problem naming the file, the record and the field.
 */
public final class JsonRecord {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final JsonNode node;
    private final Origin origin;
    private final Problems problems;

    JsonRecord(JsonNode node, Origin origin, Problems problems) {
        this.node = node;
        this.origin = origin;
        this.problems = problems;
    }

    /** Parses a whole file; empty (and a problem noted) when it is not JSON. */
    public static Optional<JsonNode> parse(SourceFile file, Problems problems) {
        return file.text(problems).flatMap(text -> {
            try {
                return Optional.of(json.readTree(text));
            } catch (JacksonException e) {
                problems.add(Origin.of(file.name()), "not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                                + ", column " + e.getLocation().getColumnNr() + ")"));
                return Optional.empty();
            }
        });
    }

    /** The objects of an array, each labelled "record N" (from 1) plus the value of its key field. */
    public static List<JsonRecord> records(JsonNode array, String file, String what, String keyField, Problems problems) {
        List<JsonRecord> records = new ArrayList<>();
        if (array == null || !array.isArray()) {
            problems.add(Origin.of(file), "expected a list of " + what);
            return records;
        }
        int index = 0;
        for (JsonNode element : array) {
            index++;
            JsonNode key = element.path(keyField);
            String label = "record " + index + (key.isValueNode() ? " (" + keyField + " \"" + key.asString() + "\")" : "");
            Origin origin = new Origin(file, label);
            if (!element.isObject()) {
                problems.add(origin, "expected an object for each of the " + what);
                continue;
            }
            records.add(new JsonRecord(element, origin, problems));
        }
        return records;
    }

    public static JsonRecord of(JsonNode node, Origin origin, Problems problems) {
        return new JsonRecord(node, origin, problems);
    }

    public Origin origin() {
        return origin;
    }

    public JsonNode node() {
        return node;
    }

    public void problem(String message) {
        problems.add(origin, message);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull() && !(value.isString() && value.stringValue().isBlank());
    }

    /** A required text; numbers are accepted as their digits (the ECT writes some ids both ways). */
    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add(origin, "missing field \"" + field + "\"");
            return null;
        }
        if (!value.isString() && !value.isIntegralNumber()) {
            problems.add(origin, "field \"" + field + "\" must be text, not " + value.getNodeType().name().toLowerCase());
            return null;
        }
        String text = value.asString().strip();
        if (text.isEmpty()) {
            problems.add(origin, "field \"" + field + "\" is empty");
            return null;
        }
        return text;
    }

    public String optionalText(String field) {
        return has(field) ? text(field) : null;
    }

    /** A required whole number; digits in a string are accepted, as the ECT files use both. */
    public Long number(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add(origin, "missing field \"" + field + "\"");
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isString() && value.stringValue().strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.stringValue().strip());
        }
        problems.add(origin, "field \"" + field + "\" must be a whole number, not \"" + value.asString() + "\"");
        return null;
    }

    public Long optionalNumber(String field) {
        return has(field) ? number(field) : null;
    }

    public Double optionalDecimal(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(value.asString().strip());
        } catch (NumberFormatException e) {
            problems.add(origin, "field \"" + field + "\" must be a number, not \"" + value.asString() + "\"");
            return null;
        }
    }

    public LocalDate date(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(origin, "field \"" + field + "\" must be a date like 2023-05-14, not \"" + text + "\"");
            return null;
        }
    }

    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(origin, "field \"" + field + "\" must be one of " + List.of(type.getEnumConstants())
                    + ", not \"" + text + "\"");
            return null;
        }
    }

    /** A {"th": ..., "en": ...} name; Thai is required. */
    public String[] name(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            problems.add(origin, "missing field \"" + field + "\" with \"th\" and \"en\" names");
            return new String[] { null, null };
        }
        JsonRecord name = new JsonRecord(value, new Origin(origin.file(), join(origin.record(), field)), problems);
        String th = name.text("th");
        String en = name.optionalText("en");
        return new String[] { th, en == null ? th : en };
    }

    public List<JsonRecord> list(String field, String what, String keyField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add(origin, "missing field \"" + field + "\" (a list of " + what + ")");
            return List.of();
        }
        return records(value, origin.file(), what, keyField, problems).stream()
                .map(r -> new JsonRecord(r.node, new Origin(origin.file(), join(field, r.origin.record())), problems))
                .toList();
    }

    public JsonRecord object(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            problems.add(origin, "missing field \"" + field + "\" (an object)");
            return null;
        }
        return new JsonRecord(value, new Origin(origin.file(), join(origin.record(), field)), problems);
    }

    private static String join(String a, String b) {
        return a == null || a.isEmpty() ? b : a + ", " + b;
    }
}

package org.khanaen.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Where two JSON documents differ, field by field: names and their order, and each value's type (a float such as
 * {@code 38275.0} is not the integer {@code 38275}, null is not 0) and value. Arrays in order, except those named as
 * keyed: compared as sets of objects by the key field (for lists whose order the source leaves open, such as ties).
 */
public final class JsonDifferences {

    private final Map<String, String> keyed;
    private final List<String> found = new ArrayList<>();

    private JsonDifferences(Map<String, String> keyed) {
        this.keyed = keyed;
    }

    /** @param keyed array field name → the key of its objects, for arrays compared regardless of order */
    public static List<String> of(JsonNode expected, JsonNode actual, Map<String, String> keyed) {
        JsonDifferences d = new JsonDifferences(keyed);
        d.compare(expected, actual, "$", null);
        return d.found;
    }

    private void compare(JsonNode e, JsonNode a, String path, String field) {
        if (found.size() > 50) {
            return;
        }
        if (a == null) {
            found.add(path + ": missing");
        } else if (e.isObject()) {
            if (!a.isObject()) {
                found.add(path + ": not an object: " + a);
                return;
            }
            List<String> en = names(e), an = names(a);
            if (!en.equals(an)) {
                found.add(path + ": fields " + an + " instead of " + en);
            }
            for (String n : en) {
                compare(e.get(n), a.get(n), path + "." + n, n);
            }
        } else if (e.isArray()) {
            if (!a.isArray() || a.size() != e.size()) {
                found.add(path + ": " + (a.isArray() ? a.size() + " elements instead of " + e.size() : "not an array"));
                return;
            }
            String key = field == null ? null : keyed.get(field);
            if (key == null) {
                for (int i = 0; i < e.size(); i++) {
                    compare(e.get(i), a.get(i), path + "[" + i + "]", null);
                }
            } else {
                Map<String, JsonNode> byKey = new LinkedHashMap<>();
                a.forEach(x -> byKey.put(x.get(key).toString(), x));
                for (JsonNode x : e) {
                    compare(x, byKey.get(x.get(key).toString()), path + "[" + key + "=" + x.get(key) + "]", null);
                }
            }
        } else if (e.isIntegralNumber() != a.isIntegralNumber() || e.isFloatingPointNumber() != a.isFloatingPointNumber()
                || e.isString() != a.isString() || e.isNull() != a.isNull() || e.isBoolean() != a.isBoolean()) {
            found.add(path + ": " + a + " is not of the type of " + e);
        } else if (e.isNumber() ? e.decimalValue().compareTo(a.decimalValue()) != 0 : !e.equals(a)) {
            found.add(path + ": " + a + " instead of " + e);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}

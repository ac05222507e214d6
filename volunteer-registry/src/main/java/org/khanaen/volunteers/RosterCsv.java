package org.khanaen.volunteers;

import java.util.List;

/** The roster CSV columns, shared by export and import, so an export can be imported again. */
final class RosterCsv {

    static final List<String> IMPORT_HEADER = List.of("full_name", "phone", "email", "line_id", "district_code",
            "role_preference", "availability");
    static final List<String> EXPORT_HEADER = List.of("full_name", "phone", "email", "line_id", "district_code",
            "province_code", "role_preference", "availability", "status", "assignment", "joined_at", "email_verified");

    private RosterCsv() {
    }

    /** A cell starting with = + - @ (or a tab or CR) would be a formula in Excel: prefix it with an apostrophe (OWASP). */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}

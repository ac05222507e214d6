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
}

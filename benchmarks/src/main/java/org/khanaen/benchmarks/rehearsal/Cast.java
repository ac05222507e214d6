package org.khanaen.benchmarks.rehearsal;

import java.util.List;
import java.util.Map;

/**
 * Who stands where on the night, as the set-up left it: the volunteers who will report at each station (checked in,
 * backups already moved into place; one or two a station, none only where nobody could be found), a lead of each
 * constituency and the war room's members (people who can sign in to the pages), the administrator.
 *
 * @param reporters station id → its reporters, the primary first
 * @param leads constituency code (e.g. {@code BKK_1}) → a lead of it
 */
public record Cast(String electionId, Map<Long, List<Reporter>> reporters, Map<String, Account> leads, List<Account> warRoom, Account admin) {

    /** A station volunteer with the reporting token their phone holds. */
    public record Reporter(long volunteerId, String token) {
    }

    /** Someone who signs in to the pages (email and password); {@code volunteerId} null for the administrator. */
    public record Account(Long volunteerId, String email, String password) {
    }
}

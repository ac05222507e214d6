package org.khanaen.rewards;

import java.time.Instant;

/**
 * A sponsor's invitation as its link opens it.
 *
 * @param email   the address it was sent to, which becomes the sponsor's username
 * @param profile the sponsor's names and website as the administrator entered them
 * @param usable  not used yet and not expired
 */
public record SponsorInvitation(String email, SponsorProfile profile, Instant expires, boolean usable) {

    /** An invitation still waiting to be accepted, as the administrators' list shows it. */
    public record Pending(String email, String nameTh, String nameEn, Instant sentAt, boolean open) {
    }
}

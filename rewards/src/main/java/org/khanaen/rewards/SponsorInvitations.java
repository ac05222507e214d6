package org.khanaen.rewards;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sponsor_invitation table. The link's token is 256 random bits, URL-safe; only its SHA-256 is kept, so a copy of
 * the database opens nothing (as the coordinators' invitations).
 */
@Repository
class SponsorInvitations {

    private static final SecureRandom random = new SecureRandom();

    private final JdbcClient jdbc;

    SponsorInvitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the token for the link; only its hash is stored */
    String insert(String email, SponsorProfile profile, String invitedBy, Instant now, Instant expires) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                insert into sponsor_invitation (token_hash, email, name_th, name_en, website, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(hash(token), email, profile.nameTh(), profile.nameEn(), profile.website(), invitedBy, Timestamp.from(now),
                        Timestamp.from(expires))
                .update();
        return token;
    }

    Optional<SponsorInvitation> find(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select email, name_th, name_en, website, expires_at, accepted_at from sponsor_invitation where token_hash = ?")
                .param(hash(token))
                .query((rs, n) -> new SponsorInvitation(rs.getString(1), new SponsorProfile(rs.getString(2), rs.getString(3), null, null,
                        rs.getString(4)), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null && rs.getTimestamp(5).toInstant().isAfter(now)))
                .optional();
    }

    /** One atomic update: of two clicks at once, one wins. */
    boolean use(String token, Instant now) {
        return jdbc.sql("update sponsor_invitation set accepted_at = ? where token_hash = ? and accepted_at is null and expires_at > ?")
                .params(Timestamp.from(now), hash(token), Timestamp.from(now)).update() == 1;
    }

    void accepted(String token, long sponsorId) {
        jdbc.sql("update sponsor_invitation set sponsor_id = ? where token_hash = ?").params(sponsorId, hash(token)).update();
    }

    /** Invitations not yet accepted, newest first: the administrators' list of who was asked. */
    List<SponsorInvitation.Pending> pending(Instant now, int limit) {
        return jdbc.sql("""
                select email, name_th, name_en, created_at, expires_at from sponsor_invitation
                where accepted_at is null order by created_at desc limit ?""")
                .param(limit)
                .query((rs, n) -> new SponsorInvitation.Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant().isAfter(now)))
                .list();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

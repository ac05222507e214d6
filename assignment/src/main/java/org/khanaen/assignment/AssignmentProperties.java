package org.khanaen.assignment;

import java.time.ZoneId;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param linkKey              signs the confirm / decline links: 32 random bytes, base64
 *                             ({@code KHANAEN_ASSIGNMENT_LINK_KEY}); production refuses to start without it
 * @param leadsPerConstituency tier 2 roles in each constituency
 * @param priorityBonusKm      how much farther a volunteer may be sent so that a priority station is covered first
 * @param warRoomLatitude      where the war room is (travel for tier 3)
 * @param zone                 the election's clock: reminders, shifts and check-in days are local time
 * @param publicUrl            how people reach the app, for links in mail
 */
@ConfigurationProperties("khanaen.assignment")
record AssignmentProperties(String linkKey, @DefaultValue("1") int leadsPerConstituency, @DefaultValue("3") double priorityBonusKm,
        @DefaultValue("13.7563") double warRoomLatitude, @DefaultValue("100.5018") double warRoomLongitude,
        @DefaultValue("Asia/Bangkok") ZoneId zone, @DefaultValue("http://localhost:8080") String publicUrl) {

    AssignmentProperties {
        linkKeyBytes(linkKey);
        if (leadsPerConstituency < 1 || leadsPerConstituency > 20) {
            throw new IllegalStateException("khanaen.assignment.leads-per-constituency must be between 1 and 20");
        }
    }

    byte[] linkKeyBytes() {
        return linkKeyBytes(linkKey);
    }

    String link(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }

    private static byte[] linkKeyBytes(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("khanaen.assignment.link-key is not set: give it 32 random bytes in base64 (openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("khanaen.assignment.link-key is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("khanaen.assignment.link-key must be 32 bytes (256 bits), not " + key.length);
        }
        return key;
    }
}

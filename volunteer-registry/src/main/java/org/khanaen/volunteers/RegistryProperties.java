package org.khanaen.volunteers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param election          the election volunteers are recruited for: its districts are offered at sign-up
 * @param publicUrl         how people reach the app, for links in mail
 * @param consentVersion    the version of the consent text shown at sign-up (messages {@code consent.text})
 * @param linkValidity      how long a verification or confirmation link works
 * @param invitationValidity how long a coordinator's invitation works
 */
@ConfigurationProperties("khanaen.registry")
record RegistryProperties(@DefaultValue("th-2566") String election, @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("2026-11-v1") String consentVersion, @DefaultValue("P2D") Duration linkValidity,
        @DefaultValue("P7D") Duration invitationValidity) {

    String link(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }
}

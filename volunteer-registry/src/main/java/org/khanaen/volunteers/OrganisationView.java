package org.khanaen.volunteers;

import java.util.Locale;

/**
 * @param slug its address: the sign-up page is {@code /join/{slug}}
 */
public record OrganisationView(OrganisationId id, String slug, String nameTh, String nameEn, String contactName,
        String contactEmail, String contactPhone, boolean hasLogo, boolean hasApiToken, boolean active) {

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameTh;
    }
}

package org.khanaen.volunteers;

/** What an administrator types to create or edit a partner organisation. */
public record OrganisationDraft(String slug, String nameTh, String nameEn, String contactName, String contactEmail,
        String contactPhone) implements java.io.Serializable {
}

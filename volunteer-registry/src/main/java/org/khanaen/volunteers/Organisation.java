package org.khanaen.volunteers;

import java.time.Instant;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "organisation")
class Organisation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String slug;
    private String nameTh;
    private String nameEn;
    private String contactName;
    private String contactEmail;
    private String contactPhone;
    @Basic(fetch = FetchType.LAZY)
    private byte[] logo;
    private String logoType;
    private String apiTokenHash;
    private boolean active;
    private Instant createdAt;
    @Version
    private long version;

    protected Organisation() {
    }

    Organisation(OrganisationDraft draft) {
        this.slug = draft.slug();
        this.active = true;
        this.createdAt = Instant.now();
        update(draft);
    }

    void update(OrganisationDraft draft) {
        this.nameTh = draft.nameTh();
        this.nameEn = draft.nameEn() == null || draft.nameEn().isBlank() ? draft.nameTh() : draft.nameEn();
        this.contactName = draft.contactName();
        this.contactEmail = draft.contactEmail();
        this.contactPhone = draft.contactPhone();
    }

    void logo(byte[] image, String type) {
        this.logo = image;
        this.logoType = type;
    }

    void apiTokenHash(String hash) {
        this.apiTokenHash = hash;
    }

    Long id() {
        return id;
    }

    byte[] logo() {
        return logo;
    }

    String logoType() {
        return logoType;
    }

    OrganisationView view() {
        return new OrganisationView(new OrganisationId(id), slug, nameTh, nameEn, contactName, contactEmail, contactPhone,
                logoType != null, apiTokenHash != null, active);
    }
}

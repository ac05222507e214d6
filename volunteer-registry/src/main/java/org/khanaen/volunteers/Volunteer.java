package org.khanaen.volunteers;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One person. Contact details only encrypted, with blind indexes to find them; after erasure only
 * the pseudonym and what the count needs (role, availability) remain.
 */
@Entity
@Table(name = "volunteer")
class Volunteer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String pseudonym;
    private Long accountId;
    private String fullName;
    private byte[] phoneEnc;
    @JdbcTypeCode(SqlTypes.BINARY)
    private byte[] phoneBidx;
    private byte[] emailEnc;
    @JdbcTypeCode(SqlTypes.BINARY)
    private byte[] emailBidx;
    private byte[] lineIdEnc;
    private String homeProvinceCode;
    private String homeDistrictCode;
    @Enumerated(EnumType.STRING)
    private RolePreference rolePreference;
    @Enumerated(EnumType.STRING)
    private Availability availability;
    private String registeredForElection;
    private String language;
    private Instant emailVerifiedAt;
    @Enumerated(EnumType.STRING)
    private AssignmentStatus assignmentStatus;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant withdrawnAt;
    private Instant erasedAt;
    @Version
    private long version;

    protected Volunteer() {
    }

    Volunteer(String registeredForElection) {
        this.pseudonym = UUID.randomUUID().toString();
        this.registeredForElection = registeredForElection;
        this.assignmentStatus = AssignmentStatus.UNASSIGNED;
        this.language = "th";
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void details(String fullName, byte[] phoneEnc, byte[] phoneBidx, byte[] emailEnc, byte[] emailBidx, byte[] lineIdEnc,
            String province, String district, RolePreference role, Availability availability) {
        this.fullName = fullName;
        this.phoneEnc = phoneEnc;
        this.phoneBidx = phoneBidx;
        this.emailEnc = emailEnc;
        this.emailBidx = emailBidx;
        this.lineIdEnc = lineIdEnc;
        this.homeProvinceCode = province;
        this.homeDistrictCode = district;
        this.rolePreference = role;
        this.availability = availability;
        this.updatedAt = Instant.now();
    }

    /** The language they signed up in: their mails are written in it. */
    void language(java.util.Locale locale) {
        this.language = "en".equals(locale.getLanguage()) ? "en" : "th";
    }

    java.util.Locale locale() {
        return java.util.Locale.forLanguageTag("en".equals(language) ? "en" : "th-TH");
    }

    void account(long accountId) {
        this.accountId = accountId;
    }

    void emailVerified() {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = Instant.now();
        }
    }

    void withdraw() {
        this.withdrawnAt = Instant.now();
        this.assignmentStatus = AssignmentStatus.UNASSIGNED;
        this.updatedAt = withdrawnAt;
    }

    /** Every personal field goes; the row stays for the pseudonym that reports and audits refer to. */
    void erase() {
        this.fullName = null;
        this.phoneEnc = null;
        this.phoneBidx = null;
        this.emailEnc = null;
        this.emailBidx = null;
        this.lineIdEnc = null;
        this.homeProvinceCode = null;
        this.homeDistrictCode = null;
        this.erasedAt = Instant.now();
        this.updatedAt = erasedAt;
        if (withdrawnAt == null) {
            withdrawnAt = erasedAt;
        }
    }

    Long id() {
        return id;
    }

    VolunteerId volunteerId() {
        return new VolunteerId(id);
    }

    String pseudonym() {
        return pseudonym;
    }

    Long accountId() {
        return accountId;
    }

    String fullName() {
        return fullName;
    }

    byte[] phoneEnc() {
        return phoneEnc;
    }

    byte[] emailEnc() {
        return emailEnc;
    }

    byte[] lineIdEnc() {
        return lineIdEnc;
    }

    String homeProvinceCode() {
        return homeProvinceCode;
    }

    String homeDistrictCode() {
        return homeDistrictCode;
    }

    RolePreference rolePreference() {
        return rolePreference;
    }

    Availability availability() {
        return availability;
    }

    Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }

    AssignmentStatus assignmentStatus() {
        return assignmentStatus;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant withdrawnAt() {
        return withdrawnAt;
    }

    Instant erasedAt() {
        return erasedAt;
    }

    String registeredForElection() {
        return registeredForElection;
    }
}

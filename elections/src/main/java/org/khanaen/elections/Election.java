package org.khanaen.elections;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Written by the importer in bulk; read here. */
@Entity
@Table(name = "election")
class Election {

    @Id
    private String id;
    private String nameTh;
    private String nameEn;
    @Enumerated(EnumType.STRING)
    private ElectionKind kind;
    @Column(name = "election_date")
    private LocalDate date;
    private long registeredVoters;
    private String source;
    private Long stationSeed;
    private Instant importedAt;

    protected Election() {
    }

    String id() {
        return id;
    }

    LocalizedName name() {
        return new LocalizedName(nameTh, nameEn);
    }

    ElectionKind kind() {
        return kind;
    }

    LocalDate date() {
        return date;
    }

    long registeredVoters() {
        return registeredVoters;
    }

    String source() {
        return source;
    }

    Long stationSeed() {
        return stationSeed;
    }

    Instant importedAt() {
        return importedAt;
    }
}

package org.khanaen.elections;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "party")
class Party {

    @Id
    private Long id;
    private String electionId;
    private String code;
    private Integer ballotNumber;
    private String nameTh;
    private String nameEn;
    private String abbreviation;
    private String colour;
    private String logoUrl;

    protected Party() {
    }

    PartyView view() {
        return new PartyView(id, code, ballotNumber, new LocalizedName(nameTh, nameEn), abbreviation, colour, logoUrl);
    }
}

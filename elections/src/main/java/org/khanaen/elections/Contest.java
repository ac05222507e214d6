package org.khanaen.elections;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "contest")
class Contest {

    @Id
    private Long id;
    private String electionId;
    private String code;
    private String nameTh;
    private String nameEn;
    @Enumerated(EnumType.STRING)
    private ContestScope scope;
    @Enumerated(EnumType.STRING)
    private BallotKind ballot;
    private int seats;
    @Enumerated(EnumType.STRING)
    private SeatRule seatRule;
    private int position;

    protected Contest() {
    }

    String code() {
        return code;
    }

    ContestView view() {
        return new ContestView(id, code, new LocalizedName(nameTh, nameEn), scope, ballot, seats, seatRule);
    }
}

package org.khanaen.elections;

public record ContestView(long id, String code, LocalizedName name, ContestScope scope, BallotKind ballot, int seats,
        SeatRule seatRule) {
}

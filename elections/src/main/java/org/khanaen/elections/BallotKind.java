package org.khanaen.elections;

/** What a voter marks: a candidate's number, or a party's number. */
public enum BallotKind {
    CANDIDATE, PARTY
}

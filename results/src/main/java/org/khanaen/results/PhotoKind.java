package org.khanaen.results;

/** What a report photo shows; a count report needs each of them. */
public enum PhotoKind {
    /** The tally board at the station, with the marks as counted. */
    TALLY_BOARD,
    /** The signed count form (ส.ส. 5/18) posted at the station. */
    COUNT_FORM,
    /** The station's sign, which places the other photos. */
    STATION_SIGN
}

package org.khanaen.elections;

public enum ElectionKind {
    /** National: constituency MPs and party list. */
    GENERAL,
    /** Local: a governor or mayor and a council, for example Bangkok. */
    LOCAL,
    /** A by-election or referendum. */
    OTHER
}

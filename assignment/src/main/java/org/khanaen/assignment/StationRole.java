package org.khanaen.assignment;

/** The two slots of a polling station: stored as the assignment's position. */
public enum StationRole {
    PRIMARY(1), BACKUP(2);

    private final int position;

    StationRole(int position) {
        this.position = position;
    }

    public int position() {
        return position;
    }

    public static StationRole at(int position) {
        return position == 1 ? PRIMARY : BACKUP;
    }
}

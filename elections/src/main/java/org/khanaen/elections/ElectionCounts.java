package org.khanaen.elections;

public record ElectionCounts(long provinces, long constituencies, long districts, long stations, long parties,
        long candidates, long registeredVoters) implements java.io.Serializable {
}

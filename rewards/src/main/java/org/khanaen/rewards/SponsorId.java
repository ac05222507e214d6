package org.khanaen.rewards;

public record SponsorId(long value) {
}

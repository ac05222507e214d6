package org.khanaen.accounts;

public record AccountId(long value) {
}

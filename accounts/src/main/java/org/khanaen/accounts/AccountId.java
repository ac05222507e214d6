package org.khanaen.accounts;

public record AccountId(long value) implements java.io.Serializable {
}

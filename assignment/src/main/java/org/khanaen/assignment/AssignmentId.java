package org.khanaen.assignment;

public record AssignmentId(long value) {
}

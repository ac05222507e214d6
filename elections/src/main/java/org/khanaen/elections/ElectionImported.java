package org.khanaen.elections;

/** An election's reference data is loaded and complete: its stations, constituencies and candidates exist. */
public record ElectionImported(String electionId, ElectionCounts counts) {
}

package org.khanaen.results;

/** A station's count report was stored (not yet verified): verification and leads' views react to it. */
public record StationReportReceived(long reportId, String electionId, long stationId, String contestCode, boolean finalCount) {
}

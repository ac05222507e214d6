package org.khanaen.web.security;

/**
 * The ETag of an election's results: the fingerprint of the station contests they are made of and the view, the same
 * for every document of the election and on every application node that holds the same rows (LiveResults.stamp).
 */
public final class ResultsEtag {

    private ResultsEtag() {
    }

    public static String of(long stamp, boolean unverified) {
        return "\"" + Long.toHexString(stamp) + (unverified ? "-p" : "-v") + "\"";
    }
}

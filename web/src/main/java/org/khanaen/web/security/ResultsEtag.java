package org.khanaen.web.security;

/** The ETag of an election's results: its version and the view, the same for every document of the election. */
public final class ResultsEtag {

    private ResultsEtag() {
    }

    public static String of(long version, boolean unverified) {
        return "\"" + version + (unverified ? "-p" : "-v") + "\"";
    }
}

package org.khanaen.results;

/** A report the module refuses before checking its numbers, named by a message key (bundle {@code i18n/reports}). */
public class ReportProblem extends RuntimeException {

    private final String key;

    public ReportProblem(String key) {
        super(key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

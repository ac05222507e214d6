package org.khanaen.results;

import org.khanaen.platform.problem.KeyedProblem;

/** A report the module refuses before checking its numbers; its keys live in the bundle {@code i18n/reports}. */
public class ReportProblem extends KeyedProblem {

    public ReportProblem(String key, Object... arguments) {
        super(key, arguments);
    }
}

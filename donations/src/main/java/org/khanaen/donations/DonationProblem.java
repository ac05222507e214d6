package org.khanaen.donations;

import org.khanaen.platform.problem.KeyedProblem;

/** A request the campaign refuses; its keys live in the bundle {@code i18n/donations}. */
public class DonationProblem extends KeyedProblem {

    public DonationProblem(String key, Object... arguments) {
        super(key, arguments);
    }
}

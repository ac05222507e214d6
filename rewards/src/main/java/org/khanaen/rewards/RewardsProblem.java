package org.khanaen.rewards;

import org.khanaen.platform.problem.KeyedProblem;

/** A request the rewards module refuses; its keys live in the bundle {@code i18n/rewards}. */
public class RewardsProblem extends KeyedProblem {

    public RewardsProblem(String key, Object... arguments) {
        super(key, arguments);
    }
}

package org.khanaen.results;

import org.khanaen.platform.problem.KeyedProblem;

/** A photo refused; its keys live in the bundle {@code i18n/photos}. */
public class PhotoProblem extends KeyedProblem {

    public PhotoProblem(String key, Object... arguments) {
        super(key, arguments);
    }
}

package org.khanaen.results;

/**
 * A photo refused, named by a message key (bundle {@code i18n/photos}) so that pages and the API can
 * say why in the reader's language.
 */
public class PhotoProblem extends RuntimeException {

    private final String key;
    private final transient Object[] arguments;

    public PhotoProblem(String key, Object... arguments) {
        super(key);
        this.key = key;
        this.arguments = arguments;
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments;
    }
}

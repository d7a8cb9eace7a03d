package org.bertlab.core.model;

import java.io.IOException;

/**
 * A model folder or file could not be turned into a {@link BertModel}. The message always names the file and the
 * problem, and where possible what the user can do about it.
 */
public class ModelLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(final String message) {
        super(message);
    }

    public ModelLoadException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

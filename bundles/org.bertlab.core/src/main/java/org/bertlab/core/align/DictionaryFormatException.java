package org.bertlab.core.align;

import java.io.IOException;

/** A bilingual dictionary that cannot be read; the message names the file and, where it applies, the line. */
public final class DictionaryFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DictionaryFormatException(final String message) {
        super(message);
    }

    public DictionaryFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

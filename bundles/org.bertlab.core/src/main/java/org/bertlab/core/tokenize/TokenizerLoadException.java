package org.bertlab.core.tokenize;

import java.io.IOException;

/** A tokenizer file is missing or unreadable; the message names the file and the problem. */
public class TokenizerLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    public TokenizerLoadException(final String message) {
        super(message);
    }

    public TokenizerLoadException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

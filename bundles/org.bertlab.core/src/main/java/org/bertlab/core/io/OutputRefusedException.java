package org.bertlab.core.io;

import java.io.IOException;

/** An output the engine will not write because it would destroy or corrupt something; the message says why. */
public final class OutputRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public OutputRefusedException(final String message) {
        super(message);
    }
}

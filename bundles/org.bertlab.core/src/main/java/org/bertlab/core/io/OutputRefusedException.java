package org.bertlab.core.io;

import java.io.IOException;

import org.bertlab.core.options.OptionMessage;

/**
 * An output the engine will not write because it would destroy or corrupt something; the message says why, and
 * may name the option that allows it as an {@code {option-id}} reference (see {@link OptionMessage}).
 */
public final class OutputRefusedException extends IOException implements OptionMessage {

    private static final long serialVersionUID = 1L;

    private final String m_template;

    public OutputRefusedException(final String template) {
        super(OptionMessage.neutral(template));
        m_template = template;
    }

    @Override
    public String template() {
        return m_template;
    }
}

package org.bertlab.core.train;

import org.bertlab.core.options.OptionMessage;

/**
 * The training loss became NaN or infinite; the message says where and which options to change (as
 * {@code {option-id}} references, see {@link OptionMessage}).
 */
public final class TrainingDivergedException extends IllegalStateException implements OptionMessage {

    private static final long serialVersionUID = 1L;

    private final String m_template;

    public TrainingDivergedException(final String template) {
        super(OptionMessage.neutral(template));
        m_template = template;
    }

    @Override
    public String template() {
        return m_template;
    }
}

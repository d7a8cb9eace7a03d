package org.bertlab.core.options;

/**
 * An option value the engine refuses: which option ({@link #option()}, its id) and what is wrong with it. The
 * problem text may refer to further options as {@code {option-id}}; faces name them with {@link #render}.
 */
public class InvalidOptionException extends IllegalArgumentException implements OptionMessage {

    private static final long serialVersionUID = 1L;

    private final String m_option;

    private final String m_template;

    /**
     * @param option the option's id, e.g. {@code learning-rate}
     * @param problem what is wrong, continuing the option's name: "must be at least 1, got 0"
     */
    public InvalidOptionException(final String option, final String problem) {
        this(option, "{" + option + "} " + problem, null);
    }

    /**
     * @param option the option's id
     * @param template the whole message, with {@code {option-id}} references (usually to {@code option} too)
     * @param cause the underlying problem, or null
     */
    public InvalidOptionException(final String option, final String template, final Throwable cause) {
        super(OptionMessage.neutral(template), cause);
        m_option = option;
        m_template = template;
    }

    /** The id of the refused option. */
    public String option() {
        return m_option;
    }

    @Override
    public String template() {
        return m_template;
    }

    /** Throws for {@code option} unless {@code ok}. */
    public static void require(final boolean ok, final String option, final String problem) {
        if (!ok) {
            throw new InvalidOptionException(option, problem);
        }
    }
}

package org.bertlab.core.options;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message whose text refers to options as {@code {option-id}}. {@link #render} names them as a face shows its
 * options; {@link #neutral} (what {@code getMessage()} returns) names them in plain words, for logs and callers
 * that know no face.
 */
public interface OptionMessage {

    /** An option reference in a template: braces around a lower-case id such as {@code {learning-rate}}. */
    Pattern REFERENCE = Pattern.compile("\\{([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\\}");

    /** The text with its option references, e.g. {@code "{epochs} must be at least 1, got 0"}. */
    String template();

    /** The message with every option reference named by {@code name} (option id to the face's name). */
    default String render(final Function<String, String> name) {
        return render(template(), name);
    }

    /** Renders a template; text that is not a reference stays as it is. */
    static String render(final String template, final Function<String, String> name) {
        final Matcher m = REFERENCE.matcher(template);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(name.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The plain-words name of an option: its id with spaces for dashes ("learning rate"). */
    static String plainName(final String option) {
        return option.replace('-', ' ');
    }

    /** The template with options named in plain words. */
    static String neutral(final String template) {
        return render(template, OptionMessage::plainName);
    }

    /** The first {@link OptionMessage} in a chain of causes, or null. */
    static OptionMessage find(final Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptionMessage m) {
                return m;
            }
        }
        return null;
    }
}

package org.bertlab.core.embed;

/**
 * A text to embed, optionally with a second text (question and context, or a sentence pair).
 *
 * @param text the first text
 * @param pair the second text, or null
 */
public record TextInput(String text, String pair) {

    public static TextInput of(final String text) {
        return new TextInput(text, null);
    }
}

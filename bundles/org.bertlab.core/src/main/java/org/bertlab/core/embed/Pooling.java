package org.bertlab.core.embed;

import java.util.Locale;

/** How token vectors become one vector per text. */
public enum Pooling {
    /** No pooling: one vector per token. */
    NONE,
    /** The [CLS] token's vector. */
    CLS,
    /** The mean over the text's tokens (padding never counts; special tokens as the options say). */
    MEAN,
    /** The element-wise maximum over the text's tokens. */
    MAX;

    /** Parses none|cls|mean|max. */
    public static Pooling parse(final String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown pooling '" + name + "': use none, cls, mean or max.", e);
        }
    }

    public String commandLineName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

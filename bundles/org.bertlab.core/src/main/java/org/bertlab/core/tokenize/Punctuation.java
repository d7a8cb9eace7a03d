package org.bertlab.core.tokenize;

/** What counts as punctuation where text is split into words: BERT's rule and Unicode's categories. */
public final class Punctuation {

    private Punctuation() {
    }

    /**
     * BERT's basic tokenizer's rule ({@code _is_punctuation}): every ASCII character that is not a letter, digit or
     * space, and every character of a Unicode punctuation category.
     */
    public static boolean isBert(final int cp) {
        return cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126
            || isUnicode(cp);
    }

    /** A character of a Unicode punctuation category (P*: Pc, Pd, Ps, Pe, Pi, Pf, Po). */
    public static boolean isUnicode(final int cp) {
        final int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
            || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
            || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
            || type == Character.OTHER_PUNCTUATION;
    }
}

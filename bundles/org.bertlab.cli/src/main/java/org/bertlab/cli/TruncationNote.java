package org.bertlab.cli;

import java.io.PrintWriter;

/**
 * The one note, printed once per run, that some texts were longer than the model reads: the tokenizer cuts them to
 * the maximum length, so what a command reports describes their first tokens only.
 */
final class TruncationNote {

    private TruncationNote() {
    }

    /** Prints the note when {@code count} texts were cut to {@code maxLength} tokens. */
    static void print(final PrintWriter err, final long count, final int maxLength, final String effect) {
        if (count > 0) {
            err.printf("bertlab: note: %d text(s) were longer than %d tokens and were cut to that length (the "
                + "model's maximum or --max-length); %s.%n", count, maxLength, effect);
        }
    }
}

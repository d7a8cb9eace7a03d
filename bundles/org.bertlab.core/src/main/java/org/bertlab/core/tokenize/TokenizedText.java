package org.bertlab.core.tokenize;

/**
 * One encoded text (or text pair) as the encoder consumes it, with what is needed to map tokens back to the text.
 *
 * @param ids vocabulary ids, special tokens included
 * @param typeIds segment ids: 0 for the first text, 1 for the second of a pair
 * @param tokens the token strings
 * @param starts character offset where each token starts in its text (0 for special tokens)
 * @param ends character offset where each token ends in its text (0 for special tokens)
 * @param sequence which text a token comes from: 0 first, 1 second, -1 a special token
 * @param truncated whether the input was cut to the maximum length
 */
public record TokenizedText(long[] ids, long[] typeIds, String[] tokens, int[] starts, int[] ends, int[] sequence,
    boolean truncated) {

    public int length() {
        return ids.length;
    }

    /** True for [CLS], [SEP] and other tokens the tokenizer added. */
    public boolean isSpecial(final int index) {
        return sequence[index] < 0;
    }

    /** Number of tokens that come from the text (special tokens excluded). */
    public int realTokenCount() {
        int n = 0;
        for (final int s : sequence) {
            if (s >= 0) {
                n++;
            }
        }
        return n;
    }
}

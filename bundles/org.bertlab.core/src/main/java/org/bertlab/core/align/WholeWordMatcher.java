package org.bertlab.core.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * Finds the whole-word occurrences of given words in tokenised texts, by token ids: a word occurs where its pieces
 * appear in a row among the text's own tokens and the next token does not continue a longer word ('##').
 */
final class WholeWordMatcher {

    /** An occurrence of word {@code word}, {@code pieces} tokens from token {@code start} of batch text {@code text}. */
    record Occurrence(int text, int start, int word, int pieces) {
    }

    private final long[][] pieceIds;

    private final Map<Long, List<Integer>> byFirstPiece = new HashMap<>();

    private final boolean[] continuation;

    /** @param pieceIds each word's piece ids ({@link #pieceIds}), null for a word that cannot occur */
    WholeWordMatcher(final BertTokenizer tokenizer, final long[][] pieceIds) {
        this.pieceIds = pieceIds;
        for (int w = 0; w < pieceIds.length; w++) {
            if (pieceIds[w] != null) {
                byFirstPiece.computeIfAbsent(pieceIds[w][0], k -> new ArrayList<>()).add(w);
            }
        }
        this.continuation = continuationPieces(tokenizer);
    }

    /** Piece ids per word, or null with the reason set where the word has no usable pieces. */
    static long[][] pieceIds(final BertTokenizer tokenizer, final List<String> words, final String[] reasons) {
        final long[][] ids = new long[words.size()][];
        final long unknown = tokenizer.unknownId();
        for (int w = 0; w < words.size(); w++) {
            final long[] p = tokenizer.pieceIds(words.get(w));
            if (p.length == 0 || Arrays.stream(p).anyMatch(id -> id == unknown)) {
                reasons[w] = WordVectors.UNKNOWN_TOKEN;
            } else {
                ids[w] = p;
            }
        }
        return ids;
    }

    private static boolean[] continuationPieces(final BertTokenizer tokenizer) {
        final boolean[] continuation = new boolean[tokenizer.vocabularySize()];
        for (int id = 0; id < continuation.length; id++) {
            final String token = tokenizer.token(id);
            continuation[id] = token != null && token.startsWith("##");
        }
        return continuation;
    }

    /**
     * Adds every whole-word occurrence in a text: the word's ids appear from {@code start} among the text's own
     * tokens, and the token after them is not a '##' continuation of a longer word.
     *
     * @param textIndex the text's position in its batch, recorded in the occurrence
     */
    void find(final TokenizedText text, final int textIndex, final List<Occurrence> found) {
        final long[] ids = text.ids();
        for (int i = 0; i < ids.length; i++) {
            if (text.isSpecial(i)) {
                continue;
            }
            final List<Integer> candidates = byFirstPiece.get(ids[i]);
            if (candidates == null) {
                continue;
            }
            for (final int w : candidates) {
                final long[] p = pieceIds[w];
                if (matches(text, i, p) && !continues(text, i + p.length)) {
                    found.add(new Occurrence(textIndex, i, w, p.length));
                }
            }
        }
    }

    private static boolean matches(final TokenizedText text, final int start, final long[] pieces) {
        if (start + pieces.length > text.length()) {
            return false;
        }
        for (int k = 0; k < pieces.length; k++) {
            if (text.isSpecial(start + k) || text.ids()[start + k] != pieces[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean continues(final TokenizedText text, final int next) {
        if (next >= text.length() || text.isSpecial(next)) {
            return false;
        }
        final long id = text.ids()[next];
        return id >= 0 && id < continuation.length && continuation[(int)id];
    }
}

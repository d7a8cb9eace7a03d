package org.bertlab.core.tokenize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of a BERT pre-trained from scratch: whole words of its training texts, most frequent first, after
 * BERT's five special tokens. The words are what BERT's basic tokenizer would pass to WordPiece, so every training
 * word is one token of the new model.
 */
public final class WholeWordVocabulary {

    private WholeWordVocabulary() {
    }

    /**
     * A vocabulary for pre-training from scratch: BERT's five special tokens, then the most frequent whole words of
     * the texts (ties in first-seen order), at most {@code maxWords}. Words are split as BERT's basic tokenizer
     * does, without lower-casing: at white space, and punctuation and CJK characters become words of their own. For
     * an artificial corpus ("17 4 4 17") every token id is a word.
     */
    public static List<String> build(final List<String> texts, final int maxWords) {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (final String text : texts) {
            for (final String word : words(text)) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        final List<String> vocabulary = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        final Set<String> specials = new LinkedHashSet<>(vocabulary);
        counts.entrySet().stream().filter(e -> !specials.contains(e.getKey()))
            .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(maxWords)
            .forEach(e -> vocabulary.add(e.getKey()));
        return vocabulary;
    }

    private static List<String> words(final String text) {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            final boolean split = Character.isWhitespace(cp);
            final boolean single = !split && (Punctuation.isBert(cp)
                || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
            if (split || single) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (single) {
                    words.add(new String(Character.toChars(cp)));
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}

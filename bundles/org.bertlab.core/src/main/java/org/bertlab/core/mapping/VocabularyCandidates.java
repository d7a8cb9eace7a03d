package org.bertlab.core.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * Chooses which vocabulary tokens may be mapping targets. A target must be a whole word that the BERT tokenizer
 * keeps as exactly one token: special tokens ({@code [CLS]}, {@code [unused7]}) would be treated specially,
 * {@code ##} continuation pieces cannot start a word, and punctuation or digits may be split off by the
 * pre-tokenizer.
 */
public final class VocabularyCandidates {

    private VocabularyCandidates() {
    }

    /**
     * @param vocabulary the vocabulary tokens in vocabulary order (e.g. the lines of vocab.txt)
     * @return the tokens that are not [..] specials, not ## pieces and made only of letters, in vocabulary
     *         order, each once
     */
    public static List<String> wordLike(List<String> vocabulary) {
        Validate.notNull(vocabulary, "vocabulary must not be null");
        List<String> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String token : vocabulary) {
            boolean special = StringUtils.startsWith(token, "[") && StringUtils.endsWith(token, "]");
            boolean piece = StringUtils.startsWith(token, "##");
            // isAlpha: non-empty and every char a Unicode letter, so CJK characters and accented words count
            if (!special && !piece && StringUtils.isAlpha(token) && seen.add(token)) {
                kept.add(token);
            }
        }
        return kept;
    }
}

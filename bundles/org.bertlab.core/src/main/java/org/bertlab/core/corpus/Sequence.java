package org.bertlab.core.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.apache.commons.lang3.Validate;

/**
 * One sequence of an artificial corpus: its token ids, the alphabet that turns them into token strings, and a
 * class label where the kind defines a classification task (only {@link CorpusKind#DNA}).
 *
 * @param tokenIds the token ids (copied on the way in and out, so a sequence is immutable)
 * @param alphabet how ids are written as strings
 * @param label the class label, empty when the kind has none
 */
public record Sequence(int[] tokenIds, TokenAlphabet alphabet, OptionalInt label) {

    /** Validates and takes a defensive copy of the ids. */
    public Sequence {
        Validate.notNull(tokenIds, "tokenIds must not be null");
        Validate.notNull(alphabet, "alphabet must not be null");
        Validate.notNull(label, "label must not be null (use OptionalInt.empty())");
        tokenIds = tokenIds.clone();
        for (int id : tokenIds) {
            Validate.isTrue(id >= 0 && (alphabet != TokenAlphabet.DNA || id < TokenAlphabet.DNA_LETTERS.length()),
                    "token id %d is not valid for alphabet %s", id, alphabet);
        }
    }

    /**
     * @param tokenIds non-negative token ids
     * @return an unlabelled sequence of integer ids
     */
    public static Sequence ofIds(int... tokenIds) {
        return new Sequence(tokenIds, TokenAlphabet.INTEGER_IDS, OptionalInt.empty());
    }

    /**
     * @param letters a string over A, C, G, T
     * @param label the class label
     * @return a labelled DNA sequence
     */
    public static Sequence dna(String letters, int label) {
        Validate.notNull(letters, "letters must not be null");
        int[] ids = new int[letters.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = TokenAlphabet.dnaId(letters.charAt(i));
            Validate.isTrue(ids[i] >= 0, "'%s' at position %d is not one of A, C, G, T", letters.charAt(i), i);
        }
        return new Sequence(ids, TokenAlphabet.DNA, OptionalInt.of(label));
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    /** @return the number of tokens */
    public int length() {
        return tokenIds.length;
    }

    /**
     * @param position 0-based position
     * @return the token id there
     */
    public int tokenId(int position) {
        return tokenIds[position];
    }

    /** @return the string form of each token id, e.g. "17" or "A" */
    public List<String> tokens() {
        return Arrays.stream(tokenIds).mapToObj(alphabet::tokenOf).toList();
    }

    /** @return the tokens concatenated without separator (meant for DNA: "ACGTTA") */
    public String letters() {
        return String.join("", tokens());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sequence that && Arrays.equals(tokenIds, that.tokenIds)
                && alphabet == that.alphabet && label.equals(that.label);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tokenIds) + alphabet.hashCode()) + label.hashCode();
    }

    @Override
    public String toString() {
        return "Sequence" + (label.isPresent() ? "[label=" + label.getAsInt() + "]" : "") + tokens();
    }
}

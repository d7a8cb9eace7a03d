package org.bertlab.core.corpus;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.commons.lang3.StringUtils;

/**
 * The kinds of artificial corpus, after Chiang &amp; Lee (2020, 2022) and Papadimitriou &amp; Jurafsky (2020).
 * Each constant carries the name used on the command line and in node settings.
 */
public enum CorpusKind {

    /** Every token id drawn independently and uniformly from the vocabulary: no structure at all. */
    UNIFORM("uniform"),

    /**
     * Token ids drawn independently from a Zipf law: rank r (1-based) has probability proportional to
     * r<sup>-s</sup>, and the token id of rank r is r - 1 (no permutation), so id 0 is the most frequent.
     */
    ZIPF("zipf"),

    /** Token ids drawn independently from a given unigram distribution (one weight per token id). */
    UNIGRAM("unigram"),

    /**
     * Flat parentheses: n/2 distinct tokens are drawn, each is duplicated and the n occurrences are shuffled,
     * so every token of a sequence occurs exactly twice and the pairs may cross.
     */
    FLAT_PAIRS("flat-pairs"),

    /** Each drawn token repeated twice in a row: a a b b c c. */
    FLAT_2("flat-2"),

    /**
     * Nested parentheses: each drawn token occurs twice and the pairs nest like brackets (the closing occurrence
     * repeats the id of the most recent unclosed one), never deeper than the maximum depth.
     */
    NESTED("nested"),

    /**
     * Shuffle-N: runs of N consecutive integers starting at a random id, each run shuffled locally; a sequence
     * is made of whole runs.
     */
    SHUFFLE("shuffle"),

    /**
     * DNA-like sequences over A/C/G/T with a binary label: label 1 sequences carry a planted motif, label 0
     * sequences are guaranteed not to contain it.
     */
    DNA("dna");

    private final String commandLineName;

    CorpusKind(String commandLineName) {
        this.commandLineName = commandLineName;
    }

    /** @return the name used on the command line and in settings, e.g. {@code flat-pairs} */
    public String commandLineName() {
        return commandLineName;
    }

    /** @return true for the kinds whose sequences are made of token pairs and so have even length */
    public boolean isPaired() {
        return this == FLAT_PAIRS || this == FLAT_2 || this == NESTED;
    }

    /**
     * @param name a command-line name such as {@code zipf}; case and surrounding blanks are ignored
     * @return the matching kind
     * @throws IllegalArgumentException naming the allowed names when none matches
     */
    public static CorpusKind fromCommandLineName(String name) {
        for (CorpusKind kind : values()) {
            if (kind.commandLineName.equalsIgnoreCase(StringUtils.trimToEmpty(name))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of " + allNames() + " but was '" + name + "'");
    }

    /** @return the command-line names of all kinds, comma separated */
    public static String allNames() {
        return Arrays.stream(values()).map(CorpusKind::commandLineName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return commandLineName;
    }
}

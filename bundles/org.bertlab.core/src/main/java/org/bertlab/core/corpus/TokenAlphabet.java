package org.bertlab.core.corpus;

/**
 * How the token ids of a {@link Sequence} are written as strings: as decimal integers, or as the DNA letters
 * A, C, G, T for ids 0 to 3.
 */
public enum TokenAlphabet {

    /** Token id n is written as the decimal string of n. */
    INTEGER_IDS,

    /** Token ids 0, 1, 2, 3 are written as A, C, G, T. */
    DNA;

    /** The DNA letters in id order. */
    public static final String DNA_LETTERS = "ACGT";

    /**
     * @param id a token id valid for this alphabet
     * @return its string form
     */
    public String tokenOf(int id) {
        return this == DNA ? String.valueOf(DNA_LETTERS.charAt(id)) : String.valueOf(id);
    }

    /**
     * @param letter one of A, C, G, T (upper case)
     * @return its token id, or -1 if it is not a DNA letter
     */
    public static int dnaId(char letter) {
        return DNA_LETTERS.indexOf(letter);
    }
}

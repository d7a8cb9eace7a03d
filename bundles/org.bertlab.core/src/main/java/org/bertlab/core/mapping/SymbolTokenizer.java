package org.bertlab.core.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * Splits a raw sequence of another discipline into symbols.
 * <ul>
 * <li>{@link SymbolUnit#KMER}: whitespace is removed and letters are upper-cased (soft-masked DNA is lower
 * case), then the k-mers starting at 0, stride, 2*stride, ... are taken. Stride k (the default) gives
 * non-overlapping k-mers; stride 1 gives the overlapping k-mers of DNABERT (Ji et al. 2021). A trailing part
 * shorter than k is dropped: it could only ever be an unknown symbol.</li>
 * <li>{@link SymbolUnit#UNIT}: the raw sequence is split on whitespace; k and stride are 1 and unused.</li>
 * </ul>
 *
 * @param unit what a symbol is
 * @param k the k-mer length, 1 to {@value #MAX_K}
 * @param stride the step between k-mer starts, 1 to k (so no letter is skipped)
 */
public record SymbolTokenizer(SymbolUnit unit, int k, int stride) {

    /** Longest k-mer. */
    public static final int MAX_K = 64;

    /** Validates the settings. */
    public SymbolTokenizer {
        Validate.notNull(unit, "unit must be one of kmer, unit but was null");
        Validate.inclusiveBetween(1, MAX_K, k, "k must be in [1, %d] but was %d", MAX_K, k);
        Validate.inclusiveBetween(1, k, stride, "stride must be in [1, k=%d] but was %d", k, stride);
        Validate.isTrue(unit == SymbolUnit.KMER || k == 1, "k must be 1 for unit symbols but was %d", k);
    }

    /**
     * @param k the k-mer length
     * @return a tokenizer of non-overlapping k-mers
     */
    public static SymbolTokenizer kmers(int k) {
        return new SymbolTokenizer(SymbolUnit.KMER, k, k);
    }

    /**
     * @param k the k-mer length
     * @param stride the step between k-mer starts
     * @return a k-mer tokenizer
     */
    public static SymbolTokenizer kmers(int k, int stride) {
        return new SymbolTokenizer(SymbolUnit.KMER, k, stride);
    }

    /** @return a tokenizer of whitespace-separated unit ids */
    public static SymbolTokenizer units() {
        return new SymbolTokenizer(SymbolUnit.UNIT, 1, 1);
    }

    /**
     * @param rawSequence e.g. {@code ACGTTA} or {@code 12 7 7 300}
     * @return its symbols in order
     */
    public List<String> split(String rawSequence) {
        Validate.notNull(rawSequence, "rawSequence must not be null");
        if (unit == SymbolUnit.UNIT) {
            return List.of(StringUtils.split(rawSequence));
        }
        String letters = StringUtils.deleteWhitespace(rawSequence).toUpperCase(Locale.ROOT);
        List<String> symbols = new ArrayList<>();
        for (int start = 0; start + k <= letters.length(); start += stride) {
            symbols.add(letters.substring(start, start + k));
        }
        return symbols;
    }

    /**
     * @param alphabet the letters, e.g. {@code ACGT}
     * @return every k-mer over the alphabet in lexicographic order of the alphabet (4^3 = 64 for DNA 3-mers)
     */
    public List<String> allKmers(String alphabet) {
        Validate.isTrue(unit == SymbolUnit.KMER, "allKmers needs a kmer tokenizer but unit is %s",
                unit.settingName());
        Validate.notEmpty(alphabet, "alphabet must not be empty");
        Validate.isTrue(Math.pow(alphabet.length(), k) <= 10_000_000,
                "alphabet size %d and k=%d give more than 10000000 k-mers", alphabet.length(), k);
        List<String> kmers = List.of("");
        for (int i = 0; i < k; i++) {
            List<String> longer = new ArrayList<>(kmers.size() * alphabet.length());
            for (String prefix : kmers) {
                for (char c : alphabet.toCharArray()) {
                    longer.add(prefix + c);
                }
            }
            kmers = longer;
        }
        return kmers;
    }

    /** @return the settings as written in the mapping file header, e.g. {@code k=3 stride=3 unit=kmer} */
    public String settings() {
        return "k=" + k + " stride=" + stride + " unit=" + unit.settingName();
    }
}

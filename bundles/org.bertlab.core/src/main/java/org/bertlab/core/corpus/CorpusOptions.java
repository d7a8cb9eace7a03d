package org.bertlab.core.corpus;

import java.util.Arrays;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * Everything that defines an artificial corpus: the one place for option defaults and their validation,
 * shared by the command line and the node settings. Build with {@link #builder()}; {@link Builder#build()}
 * validates and names the offending option and its allowed range in the exception message.
 *
 * <p>Lengths: every sequence length is drawn uniformly from the lengths in [minLength, maxLength]
 * (inclusive) that the kind can make. Paired kinds (flat-pairs, flat-2, nested) only make even lengths and
 * shuffle only multiples of shuffleN, so for them the draw is over those multiples inside the range; the range
 * must contain at least one.
 *
 * <p>The vocabulary is the token ids 0 .. vocabularySize-1. Paired kinds draw their tokens uniformly from it.
 * For dna the vocabulary is fixed to A, C, G, T and vocabularySize is not used.
 */
public final class CorpusOptions {

    /** Default kind. */
    public static final CorpusKind DEFAULT_KIND = CorpusKind.UNIFORM;
    /** Default vocabulary size: small enough for quick pre-training, large enough for Zipf statistics. */
    public static final int DEFAULT_VOCABULARY_SIZE = 500;
    /** Default number of sequences. */
    public static final int DEFAULT_COUNT = 1000;
    /** Default shortest sequence. */
    public static final int DEFAULT_MIN_LENGTH = 32;
    /** Default longest sequence (inclusive). */
    public static final int DEFAULT_MAX_LENGTH = 128;
    /** Default Zipf exponent: the classic s = 1 of natural-language word frequencies. */
    public static final double DEFAULT_ZIPF_EXPONENT = 1.0;
    /** Default run length of shuffle-N. */
    public static final int DEFAULT_SHUFFLE_N = 4;
    /** Default maximum nesting depth of nested parentheses. */
    public static final int DEFAULT_MAX_DEPTH = 8;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default planted DNA motif: the TATA box core of eukaryotic promoters. */
    public static final String DEFAULT_DNA_MOTIF = "TATAAA";

    /** Largest vocabulary: the Zipf and unigram samplers keep one cumulative weight per token. */
    public static final int MAX_VOCABULARY_SIZE = 1_000_000;
    /** Longest sequence. */
    public static final int MAX_SEQUENCE_LENGTH = 1_000_000;
    /** Largest Zipf exponent; beyond it nearly every token is id 0. */
    public static final double MAX_ZIPF_EXPONENT = 10.0;

    private final CorpusKind kind;
    private final int vocabularySize;
    private final int count;
    private final int minLength;
    private final int maxLength;
    private final double zipfExponent;
    private final int shuffleN;
    private final int maxDepth;
    private final double[] unigramWeights;
    private final long seed;
    private final String dnaMotif;

    private CorpusOptions(Builder b) {
        kind = b.kind;
        vocabularySize = b.vocabularySize;
        count = b.count;
        minLength = b.minLength;
        maxLength = b.maxLength;
        zipfExponent = b.zipfExponent;
        shuffleN = b.shuffleN;
        maxDepth = b.maxDepth;
        unigramWeights = b.unigramWeights == null ? null : b.unigramWeights.clone();
        seed = b.seed;
        dnaMotif = b.dnaMotif;
        validate();
    }

    private void validate() {
        Validate.notNull(kind, "kind must be one of %s but was null", CorpusKind.allNames());
        Validate.inclusiveBetween(2, MAX_VOCABULARY_SIZE, vocabularySize,
                "vocabularySize must be in [2, %d] but was %d", MAX_VOCABULARY_SIZE, vocabularySize);
        Validate.inclusiveBetween(1, Integer.MAX_VALUE, count, "count must be in [1, %d] but was %d",
                Integer.MAX_VALUE, count);
        Validate.inclusiveBetween(1, MAX_SEQUENCE_LENGTH, minLength, "minLength must be in [1, %d] but was %d",
                MAX_SEQUENCE_LENGTH, minLength);
        Validate.inclusiveBetween(minLength, MAX_SEQUENCE_LENGTH, maxLength,
                "maxLength must be in [minLength=%d, %d] but was %d", minLength, MAX_SEQUENCE_LENGTH, maxLength);
        Validate.isTrue(zipfExponent > 0 && zipfExponent <= MAX_ZIPF_EXPONENT,
                "zipfExponent must be in (0, %s] but was %s", MAX_ZIPF_EXPONENT, zipfExponent);
        Validate.inclusiveBetween(2, MAX_SEQUENCE_LENGTH, shuffleN, "shuffleN must be in [2, %d] but was %d",
                MAX_SEQUENCE_LENGTH, shuffleN);
        Validate.inclusiveBetween(1, MAX_SEQUENCE_LENGTH, maxDepth, "maxDepth must be in [1, %d] but was %d",
                MAX_SEQUENCE_LENGTH, maxDepth);
        Validate.isTrue(StringUtils.containsOnly(dnaMotif, TokenAlphabet.DNA_LETTERS) && !dnaMotif.isEmpty(),
                "dnaMotif must be a non-empty string over A, C, G, T but was '%s'", dnaMotif);
        int unit = lengthUnit();
        Validate.isTrue(firstLength() <= maxLength,
                "minLength..maxLength [%d, %d] must contain a multiple of %d, the length unit of %s sequences",
                minLength, maxLength, unit, kind);
        switch (kind) {
            case FLAT_PAIRS -> Validate.isTrue(vocabularySize >= lastLength() / 2,
                    "vocabularySize must be at least %d for flat-pairs sequences of up to %d tokens "
                            + "(each token of a sequence is distinct and occurs exactly twice) but was %d",
                    lastLength() / 2, lastLength(), vocabularySize);
            case UNIGRAM -> validateUnigramWeights();
            case SHUFFLE -> Validate.isTrue(shuffleN <= vocabularySize,
                    "shuffleN must be in [2, vocabularySize=%d] for shuffle sequences but was %d", vocabularySize,
                    shuffleN);
            case DNA -> Validate.isTrue(dnaMotif.length() <= minLength,
                    "dnaMotif length must be in [1, minLength=%d] but was %d", minLength, dnaMotif.length());
            default -> { /* nothing kind specific */ }
        }
    }

    private void validateUnigramWeights() {
        Validate.isTrue(unigramWeights != null, "unigramWeights must be given for the unigram kind");
        Validate.isTrue(unigramWeights.length == vocabularySize,
                "unigramWeights must have vocabularySize=%d entries but has %d", vocabularySize,
                unigramWeights.length);
        double sum = 0;
        for (int i = 0; i < unigramWeights.length; i++) {
            double w = unigramWeights[i];
            Validate.isTrue(Double.isFinite(w) && w >= 0,
                    "unigramWeights[%d] must be a finite number >= 0 but was %s", i, w);
            sum += w;
        }
        Validate.isTrue(sum > 0, "unigramWeights must have a positive sum but all are 0");
    }

    /** @return a builder holding every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.vocabularySize = vocabularySize;
        b.count = count;
        b.minLength = minLength;
        b.maxLength = maxLength;
        b.zipfExponent = zipfExponent;
        b.shuffleN = shuffleN;
        b.maxDepth = maxDepth;
        b.unigramWeights = unigramWeights;
        b.seed = seed;
        b.dnaMotif = dnaMotif;
        return b;
    }

    /**
     * @return the number all sequence lengths are a multiple of: 2 for paired kinds, shuffleN for shuffle,
     *         otherwise 1
     */
    public int lengthUnit() {
        if (kind.isPaired()) {
            return 2;
        }
        return kind == CorpusKind.SHUFFLE ? shuffleN : 1;
    }

    /** @return the shortest length the kind can make inside [minLength, maxLength] */
    int firstLength() {
        int unit = lengthUnit();
        return (int) Math.min(Integer.MAX_VALUE, ((long) minLength + unit - 1) / unit * unit);
    }

    /** @return the longest length the kind can make inside [minLength, maxLength] */
    int lastLength() {
        int unit = lengthUnit();
        return maxLength / unit * unit;
    }

    /**
     * An upper estimate of the written file's size: lengths are uniform in [first, last], every token id takes as
     * many digits as the largest id plus a separator, every line a label and a line end. Used to refuse a corpus
     * that would fill the disk before writing starts.
     */
    public long estimatedBytes() {
        final double meanLength = (firstLength() + (double) lastLength()) / 2;
        final int perToken = kind == CorpusKind.DNA ? 1
            : Integer.toString(Math.max(0, vocabularySize - 1)).length() + 1;
        final double perLine = meanLength * perToken + (kind == CorpusKind.DNA ? 3 : 1);
        return (long) Math.ceil(Math.min(Long.MAX_VALUE / 2.0, count * perLine));
    }

    public CorpusKind kind() {
        return kind;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int count() {
        return count;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public double zipfExponent() {
        return zipfExponent;
    }

    public int shuffleN() {
        return shuffleN;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** @return a copy of the unigram weights, or null when none were given */
    public double[] unigramWeights() {
        return unigramWeights == null ? null : unigramWeights.clone();
    }

    public long seed() {
        return seed;
    }

    public String dnaMotif() {
        return dnaMotif;
    }

    @Override
    public String toString() {
        return "CorpusOptions[kind=" + kind + ", vocabularySize=" + vocabularySize + ", count=" + count
                + ", minLength=" + minLength + ", maxLength=" + maxLength + ", zipfExponent=" + zipfExponent
                + ", shuffleN=" + shuffleN + ", maxDepth=" + maxDepth + ", unigramWeights="
                + (unigramWeights == null ? "none" : unigramWeights.length + " entries") + ", seed=" + seed
                + ", dnaMotif=" + dnaMotif + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorpusOptions that && kind == that.kind && vocabularySize == that.vocabularySize
                && count == that.count && minLength == that.minLength && maxLength == that.maxLength
                && Double.compare(zipfExponent, that.zipfExponent) == 0 && shuffleN == that.shuffleN
                && maxDepth == that.maxDepth && Arrays.equals(unigramWeights, that.unigramWeights)
                && seed == that.seed && dnaMotif.equals(that.dnaMotif);
    }

    @Override
    public int hashCode() {
        return toString().hashCode() * 31 + Arrays.hashCode(unigramWeights);
    }

    /** Fluent builder; starts from the defaults above, validation happens in {@link #build()}. */
    public static final class Builder {
        private CorpusKind kind = DEFAULT_KIND;
        private int vocabularySize = DEFAULT_VOCABULARY_SIZE;
        private int count = DEFAULT_COUNT;
        private int minLength = DEFAULT_MIN_LENGTH;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private double zipfExponent = DEFAULT_ZIPF_EXPONENT;
        private int shuffleN = DEFAULT_SHUFFLE_N;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private double[] unigramWeights;
        private long seed = DEFAULT_SEED;
        private String dnaMotif = DEFAULT_DNA_MOTIF;

        private Builder() {
        }

        public Builder kind(CorpusKind value) {
            kind = value;
            return this;
        }

        /** @param commandLineName e.g. {@code nested}; see {@link CorpusKind#fromCommandLineName(String)} */
        public Builder kind(String commandLineName) {
            kind = CorpusKind.fromCommandLineName(commandLineName);
            return this;
        }

        public Builder vocabularySize(int value) {
            vocabularySize = value;
            return this;
        }

        public Builder count(int value) {
            count = value;
            return this;
        }

        public Builder minLength(int value) {
            minLength = value;
            return this;
        }

        public Builder maxLength(int value) {
            maxLength = value;
            return this;
        }

        /** Sets minLength and maxLength to the same value. */
        public Builder length(int value) {
            minLength = value;
            maxLength = value;
            return this;
        }

        public Builder zipfExponent(double value) {
            zipfExponent = value;
            return this;
        }

        public Builder shuffleN(int value) {
            shuffleN = value;
            return this;
        }

        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        /** @param weights one non-negative weight per token id; copied */
        public Builder unigramWeights(double... weights) {
            unigramWeights = weights == null ? null : weights.clone();
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** @param motif letters over A, C, G, T; upper-cased */
        public Builder dnaMotif(String motif) {
            dnaMotif = StringUtils.upperCase(motif);
            return this;
        }

        /**
         * @return the validated options
         * @throws IllegalArgumentException naming the option and its allowed range
         */
        public CorpusOptions build() {
            return new CorpusOptions(this);
        }
    }
}

package org.bertlab.core.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.lang3.Validate;

/**
 * One vector per word and layer, for the words of one language: the value {@link WordEmbedder} computes from a
 * model in one of three ways (see {@link MrrOptions.Mode}), or vectors given directly ({@link #of}). Words that get
 * no vector carry the reason ({@link #skipReason(String)}) instead. With contextual vectors it also holds the
 * language's mean token vector over its corpus, which {@link LanguageOffset} needs.
 */
public final class WordVectors {

    /** Skip reason: a piece of the word is [UNK], or the word has no pieces at all. */
    public static final String UNKNOWN_TOKEN = "unknown token";

    /** Skip reason: the word never occurs in the corpus as a whole word. */
    public static final String NOT_IN_CORPUS = "not in corpus";

    private final List<String> words;

    private final Map<String, Integer> index;

    private final int[] layers;

    /** [layer index][word] → vector, or null where the word was skipped. */
    private final float[][][] vectors;

    private final String[] skipReasons;

    private final int[] occurrences;

    /** [layer index][hidden] mean over corpus tokens, or null without a corpus. */
    private final float[][] corpusMean;

    private final long corpusTokens;

    /** Corpus texts longer than the model's maximum length, cut to it (their later words are not seen). */
    private final long truncatedTexts;

    WordVectors(final List<String> words, final int[] layers, final float[][][] vectors,
        final String[] skipReasons, final int[] occurrences, final float[][] corpusMean, final long corpusTokens,
        final long truncatedTexts) {
        this.words = List.copyOf(words);
        this.index = new HashMap<>();
        for (int i = 0; i < this.words.size(); i++) {
            index.put(this.words.get(i), i);
        }
        this.layers = layers.clone();
        this.vectors = vectors;
        this.skipReasons = skipReasons;
        this.occurrences = occurrences;
        this.corpusMean = corpusMean;
        this.corpusTokens = corpusTokens;
        this.truncatedTexts = truncatedTexts;
    }

    /**
     * Vectors given directly (tests, vectors from elsewhere).
     *
     * @param vectorsByWord word → [layer index][hidden]; a null value marks the word as skipped ("not in corpus")
     */
    public static WordVectors of(final int[] layers, final Map<String, float[][]> vectorsByWord) {
        return of(layers, vectorsByWord, null);
    }

    /** As {@link #of(int[], Map)} with a given language mean [layer index][hidden] (or null). */
    public static WordVectors of(final int[] layers, final Map<String, float[][]> vectorsByWord,
        final float[][] corpusMean) {
        final List<String> words = new ArrayList<>(vectorsByWord.keySet());
        final float[][][] vectors = new float[layers.length][words.size()][];
        final String[] reasons = new String[words.size()];
        final int[] occurrences = new int[words.size()];
        for (int w = 0; w < words.size(); w++) {
            final float[][] v = vectorsByWord.get(words.get(w));
            if (v == null) {
                reasons[w] = NOT_IN_CORPUS;
                continue;
            }
            Validate.isTrue(v.length == layers.length, "%s: %d layers of vectors for %d layers", words.get(w),
                v.length, layers.length);
            occurrences[w] = 1;
            for (int l = 0; l < layers.length; l++) {
                vectors[l][w] = v[l].clone();
            }
        }
        return new WordVectors(words, layers, vectors, reasons, occurrences, corpusMean, corpusMean == null ? 0 : 1,
            0);
    }

    /** The words asked for, distinct, in order. */
    public List<String> words() {
        return words;
    }

    /** The words that have vectors. */
    public List<String> presentWords() {
        return words.stream().filter(this::has).toList();
    }

    public int[] layers() {
        return layers.clone();
    }

    /** Position of a layer in {@link #layers()}. */
    public int layerIndex(final int layer) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == layer) {
                return i;
            }
        }
        throw new IllegalArgumentException("Layer " + layer + " was not computed; computed: "
            + Arrays.toString(layers) + ".");
    }

    public boolean has(final String word) {
        final Integer i = index.get(word);
        return i != null && vectors.length > 0 && vectors[0][i] != null;
    }

    /** The word's vector at a layer (a copy), or null where the word was skipped or not asked for. */
    public float[] vector(final int layer, final String word) {
        final Integer i = index.get(word);
        if (i == null) {
            return null;
        }
        final float[] v = vectors[layerIndex(layer)][i];
        return v == null ? null : v.clone();
    }

    /** Why a word has no vector ({@link #UNKNOWN_TOKEN}, {@link #NOT_IN_CORPUS}), or null when it has one. */
    public String skipReason(final String word) {
        final Integer i = index.get(word);
        return i == null ? "not asked for" : skipReasons[i];
    }

    /** How many occurrences were averaged (1 for isolated and static vectors). */
    public int occurrences(final String word) {
        final Integer i = index.get(word);
        return i == null ? 0 : occurrences[i];
    }

    /** The language's mean token vector at a layer over its corpus, when vectors came from a corpus. */
    public Optional<float[]> corpusMean(final int layer) {
        return corpusMean == null ? Optional.empty() : Optional.of(corpusMean[layerIndex(layer)].clone());
    }

    /** Number of corpus tokens (special tokens excluded) the corpus mean is over. */
    public long corpusTokens() {
        return corpusTokens;
    }

    /** Corpus texts that were longer than the model's maximum length and were cut to it (0 without a corpus). */
    public long truncatedTexts() {
        return truncatedTexts;
    }

    /** Mean of the vectors of all words that have one, at a layer; the zero vector when none has. */
    public float[] wordMean(final int layer) {
        final float[][] row = vectors[layerIndex(layer)];
        double[] sum = null;
        int n = 0;
        for (final float[] v : row) {
            if (v != null) {
                if (sum == null) {
                    sum = new double[v.length];
                }
                for (int d = 0; d < v.length; d++) {
                    sum[d] += v[d];
                }
                n++;
            }
        }
        return sum == null ? new float[dimension()] : scale(sum, n);
    }

    /** Vector length (0 when no word has a vector and no corpus mean exists). */
    public int dimension() {
        for (final float[][] row : vectors) {
            for (final float[] v : row) {
                if (v != null) {
                    return v.length;
                }
            }
        }
        return corpusMean != null && corpusMean.length > 0 ? corpusMean[0].length : 0;
    }

    /** Skip reasons with how many words have each. */
    public Map<String, Integer> skipCounts() {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (final String r : skipReasons) {
            if (r != null) {
                counts.merge(r, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The mean of {@code n} summed vectors, in float. */
    static float[] scale(final double[] sum, final long n) {
        final float[] v = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            v[d] = (float)(sum[d] / n);
        }
        return v;
    }
}

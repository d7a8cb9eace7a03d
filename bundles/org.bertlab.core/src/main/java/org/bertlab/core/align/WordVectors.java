package org.bertlab.core.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.bertlab.core.align.MrrOptions.Pieces;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.types.DataType;

/**
 * One vector per word and layer, for the words of one language, made in one of three ways (see
 * {@link MrrOptions.Mode}). Words that get no vector carry the reason ({@link #skipReason(String)}) instead.
 *
 * <p>Contextual vectors follow the "contextual average" of cross-lingual alignment studies (e.g. Schuster et al.,
 * "Cross-lingual alignment of contextual word embeddings", NAACL 2019): every whole-word occurrence of the word in
 * the corpus is found as a subsequence of token ids whose next token is not a '##' continuation; the vectors of its
 * pieces are pooled (mean or first piece) per occurrence; the word's vector is the mean over occurrences. The same
 * pass accumulates the language's mean token vector (special tokens excluded), which {@link LanguageOffset} needs.
 */
public final class WordVectors {

    /** Skip reason: a piece of the word is [UNK], or the word has no pieces at all. */
    public static final String UNKNOWN_TOKEN = "unknown token";

    /** Skip reason: the word never occurs in the corpus as a whole word. */
    public static final String NOT_IN_CORPUS = "not in corpus";

    /** Texts tokenised per native call, so a long corpus is never held tokenised all at once. */
    private static final int TOKENIZE_CHUNK = 2048;

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

    private WordVectors(final List<String> words, final int[] layers, final float[][][] vectors,
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

    /**
     * Contextual averages over a corpus (one text per element; blank texts are ignored).
     *
     * @param layers hidden-state indices, 0 the embedding output
     */
    public static WordVectors contextual(final BertModel model, final List<String> words, final List<String> corpus,
        final int[] layers, final Pieces pieces, final int batchSize, final Progress progress) {
        checkLayers(model, layers);
        final BertTokenizer tokenizer = model.tokenizer();
        final List<String> distinct = distinct(words);
        final int hidden = model.config().hiddenSize();
        final String[] reasons = new String[distinct.size()];
        final long[][] pieceIds = pieceIds(tokenizer, distinct, reasons);
        final Map<Long, List<Integer>> byFirstPiece = new HashMap<>();
        for (int w = 0; w < distinct.size(); w++) {
            if (pieceIds[w] != null) {
                byFirstPiece.computeIfAbsent(pieceIds[w][0], k -> new ArrayList<>()).add(w);
            }
        }
        final boolean[] continuation = continuationPieces(tokenizer);
        final double[][][] sums = new double[layers.length][distinct.size()][];
        final double[][] meanSums = new double[layers.length][hidden];
        final int[] occurrences = new int[distinct.size()];
        long tokens = 0;
        long truncated = 0;
        final List<String> texts = corpus.stream().filter(StringUtils::isNotBlank).toList();
        long done = 0;
        for (int chunkStart = 0; chunkStart < texts.size(); chunkStart += TOKENIZE_CHUNK) {
            // Sorted by length so a batch pads little; an average does not depend on the order.
            final List<TokenizedText> encoded = new ArrayList<>(tokenizer.encodeAll(texts.subList(chunkStart,
                Math.min(texts.size(), chunkStart + TOKENIZE_CHUNK))));
            encoded.sort(java.util.Comparator.comparingInt(TokenizedText::length));
            for (int b = 0; b < encoded.size(); b += batchSize) {
                progress.checkCancelled();
                final List<TokenizedText> batch = encoded.subList(b, Math.min(encoded.size(), b + batchSize));
                final List<int[]> found = new ArrayList<>();
                for (int t = 0; t < batch.size(); t++) {
                    findOccurrences(batch.get(t), t, pieceIds, byFirstPiece, continuation, found);
                    tokens += batch.get(t).realTokenCount();
                    truncated += batch.get(t).truncated() ? 1 : 0;
                }
                final HiddenStates states = hiddenStates(model, batch, layers);
                for (int l = 0; l < layers.length; l++) {
                    final float[] h = states.layer(l);
                    for (int t = 0; t < batch.size(); t++) {
                        final TokenizedText text = batch.get(t);
                        for (int i = 0; i < text.length(); i++) {
                            if (!text.isSpecial(i)) {
                                add(meanSums[l], h, states.offset(t, i), hidden);
                            }
                        }
                    }
                    for (final int[] occ : found) {
                        final int w = occ[2];
                        if (sums[l][w] == null) {
                            sums[l][w] = new double[hidden];
                        }
                        final int n = pieces == Pieces.FIRST ? 1 : occ[3];
                        final double[] pooled = new double[hidden];
                        for (int k = 0; k < n; k++) {
                            add(pooled, h, states.offset(occ[0], occ[1] + k), hidden);
                        }
                        for (int d = 0; d < hidden; d++) {
                            sums[l][w][d] += pooled[d] / n;
                        }
                    }
                }
                for (final int[] occ : found) {
                    occurrences[occ[2]]++;
                }
                done += batch.size();
                progress.report(done);
            }
        }
        final float[][][] vectors = new float[layers.length][distinct.size()][];
        for (int w = 0; w < distinct.size(); w++) {
            if (reasons[w] == null && occurrences[w] == 0) {
                reasons[w] = NOT_IN_CORPUS;
            }
            for (int l = 0; l < layers.length && occurrences[w] > 0; l++) {
                vectors[l][w] = scale(sums[l][w], occurrences[w]);
            }
        }
        float[][] mean = null;
        if (tokens > 0) {
            mean = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                mean[l] = scale(meanSums[l], tokens);
            }
        }
        return new WordVectors(distinct, layers, vectors, reasons, occurrences, mean, tokens, truncated);
    }

    /** Each word encoded alone as [CLS] word [SEP]; its pieces' vectors pooled, special tokens excluded. */
    public static WordVectors isolated(final BertModel model, final List<String> words, final int[] layers,
        final Pieces pieces, final int batchSize, final Progress progress) {
        checkLayers(model, layers);
        final BertTokenizer tokenizer = model.tokenizer();
        final List<String> distinct = distinct(words);
        final int hidden = model.config().hiddenSize();
        final String[] reasons = new String[distinct.size()];
        pieceIds(tokenizer, distinct, reasons);
        final List<Integer> usable = new ArrayList<>();
        for (int w = 0; w < distinct.size(); w++) {
            if (reasons[w] == null) {
                usable.add(w);
            }
        }
        final float[][][] vectors = new float[layers.length][distinct.size()][];
        final int[] occurrences = new int[distinct.size()];
        long done = 0;
        for (int b = 0; b < usable.size(); b += batchSize) {
            progress.checkCancelled();
            final List<Integer> ids = usable.subList(b, Math.min(usable.size(), b + batchSize));
            final List<TokenizedText> batch = tokenizer.encodeAll(ids.stream().map(distinct::get).toList());
            final HiddenStates states = hiddenStates(model, batch, layers);
            for (int t = 0; t < batch.size(); t++) {
                final TokenizedText text = batch.get(t);
                final int w = ids.get(t);
                occurrences[w] = 1;
                for (int l = 0; l < layers.length; l++) {
                    final double[] pooled = new double[hidden];
                    int n = 0;
                    for (int i = 0; i < text.length(); i++) {
                        if (!text.isSpecial(i) && (pieces == Pieces.MEAN || n == 0)) {
                            add(pooled, states.layer(l), states.offset(t, i), hidden);
                            n++;
                        }
                    }
                    vectors[l][w] = scale(pooled, Math.max(n, 1));
                }
            }
            done += batch.size();
            progress.report(done);
        }
        return new WordVectors(distinct, layers, vectors, reasons, occurrences, null, 0, 0);
    }

    /** Rows of the input embedding matrix, pooled over the word's pieces; reported as layer 0. */
    public static WordVectors staticEmbedding(final BertModel model, final List<String> words, final Pieces pieces) {
        final BertTokenizer tokenizer = model.tokenizer();
        final List<String> distinct = distinct(words);
        final int hidden = model.config().hiddenSize();
        final String[] reasons = new String[distinct.size()];
        final long[][] pieceIds = pieceIds(tokenizer, distinct, reasons);
        final float[] matrix = DjlRuntime.call(() -> model.parameters().get("embeddings.word_embeddings.weight")
            .toType(DataType.FLOAT32, false).toFloatArray());
        final float[][][] vectors = new float[1][distinct.size()][];
        final int[] occurrences = new int[distinct.size()];
        for (int w = 0; w < distinct.size(); w++) {
            if (pieceIds[w] == null) {
                continue;
            }
            final int n = pieces == Pieces.FIRST ? 1 : pieceIds[w].length;
            final double[] pooled = new double[hidden];
            for (int k = 0; k < n; k++) {
                add(pooled, matrix, Math.toIntExact(pieceIds[w][k] * hidden), hidden);
            }
            vectors[0][w] = scale(pooled, n);
            occurrences[w] = 1;
        }
        return new WordVectors(distinct, new int[]{0}, vectors, reasons, occurrences, null, 0, 0);
    }

    /**
     * The distinct whole words of a corpus as the tokenizer splits it (WordPiece pieces joined, so a Chinese
     * character is a word of its own), in order of first occurrence; words with [UNK] pieces and tokens without a
     * letter or digit (punctuation) are left out.
     */
    public static List<String> corpusWords(final BertTokenizer tokenizer, final List<String> corpus) {
        final Set<String> seen = new LinkedHashSet<>();
        final List<String> texts = corpus.stream().filter(StringUtils::isNotBlank).toList();
        final int unknown = tokenizer.unknownId();
        for (int start = 0; start < texts.size(); start += TOKENIZE_CHUNK) {
            for (final TokenizedText text : tokenizer.encodeAll(texts.subList(start,
                Math.min(texts.size(), start + TOKENIZE_CHUNK)))) {
                final StringBuilder word = new StringBuilder();
                boolean bad = false;
                for (int i = 0; i <= text.length(); i++) {
                    final boolean end = i == text.length() || text.isSpecial(i)
                        || !text.tokens()[i].startsWith("##");
                    if (end && word.length() > 0) {
                        if (!bad && word.codePoints().anyMatch(Character::isLetterOrDigit)) {
                            seen.add(word.toString());
                        }
                        word.setLength(0);
                        bad = false;
                    }
                    if (i < text.length() && !text.isSpecial(i)) {
                        word.append(StringUtils.removeStart(text.tokens()[i], "##"));
                        bad |= text.ids()[i] == unknown;
                    }
                }
            }
        }
        return List.copyOf(seen);
    }

    private static void checkLayers(final BertModel model, final int[] layers) {
        Validate.isTrue(layers.length > 0, "No layer asked for.");
        LayerSelection.requireExisting(layers, model.config().numLayers());
    }

    private static List<String> distinct(final List<String> words) {
        return List.copyOf(new LinkedHashSet<>(words));
    }

    /** Piece ids per word, or null with the reason set where the word has no usable pieces. */
    private static long[][] pieceIds(final BertTokenizer tokenizer, final List<String> words, final String[] reasons) {
        final long[][] ids = new long[words.size()][];
        final long unknown = tokenizer.unknownId();
        for (int w = 0; w < words.size(); w++) {
            final long[] p = tokenizer.pieceIds(words.get(w));
            if (p.length == 0 || Arrays.stream(p).anyMatch(id -> id == unknown)) {
                reasons[w] = UNKNOWN_TOKEN;
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
     * Adds {text, start, word, pieces} for every whole-word occurrence: the word's ids appear from {@code start}
     * among the text's own tokens, and the token after them is not a '##' continuation of a longer word.
     */
    static void findOccurrences(final TokenizedText text, final int textIndex, final long[][] pieceIds,
        final Map<Long, List<Integer>> byFirstPiece, final boolean[] continuation, final List<int[]> found) {
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
                if (matches(text, i, p) && !continues(text, i + p.length, continuation)) {
                    found.add(new int[]{textIndex, i, w, p.length});
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

    private static boolean continues(final TokenizedText text, final int next, final boolean[] continuation) {
        if (next >= text.length() || text.isSpecial(next)) {
            return false;
        }
        final long id = text.ids()[next];
        return id >= 0 && id < continuation.length && continuation[(int)id];
    }

    /** The hidden states of one batch, with the layers in the order asked for. */
    private record HiddenStates(LayerOutputs out, int[] index) {

        float[] layer(final int l) {
            return out.states()[index[l]];
        }

        int offset(final int text, final int token) {
            return out.offset(text, token);
        }
    }

    /** Hidden states from the model's inference backend (the same path Token Embedding takes). */
    private static HiddenStates hiddenStates(final BertModel model, final List<TokenizedText> batch,
        final int[] layers) {
        final int[] sorted = Arrays.stream(layers).sorted().toArray();
        final LayerOutputs out = model.inference().run(TokenBatch.pad(batch, model.tokenizer().padId()), sorted);
        final int[] index = new int[layers.length];
        for (int l = 0; l < layers.length; l++) {
            index[l] = Arrays.binarySearch(sorted, layers[l]);
        }
        return new HiddenStates(out, index);
    }

    private static void add(final double[] sum, final float[] data, final int offset, final int hidden) {
        for (int d = 0; d < hidden; d++) {
            sum[d] += data[offset + d];
        }
    }

    private static float[] scale(final double[] sum, final long n) {
        final float[] v = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            v[d] = (float)(sum[d] / n);
        }
        return v;
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
}

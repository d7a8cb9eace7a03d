package org.bertlab.core.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.bertlab.core.align.MrrOptions.Pieces;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.LengthBatches;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.types.DataType;

/**
 * Computes {@link WordVectors} from a model in the three ways of {@link MrrOptions.Mode}.
 *
 * <p>Contextual vectors follow the "contextual average" of cross-lingual alignment studies (e.g. Schuster et al.,
 * "Cross-lingual alignment of contextual word embeddings", NAACL 2019): every whole-word occurrence of the word in
 * the corpus is found ({@link WholeWordMatcher}); the vectors of its pieces are pooled (mean or first piece) per
 * occurrence; the word's vector is the mean over occurrences. The same pass accumulates the language's mean token
 * vector (special tokens excluded), which {@link LanguageOffset} needs.
 */
public final class WordEmbedder {

    /**
     * Corpus texts tokenised and batched by length together ({@link LengthBatches}), so a long corpus is never held
     * tokenised all at once. Larger than embedding's window: only sums are kept, not each text's vectors.
     */
    private static final int TOKENIZE_CHUNK = 2048;

    private WordEmbedder() {
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
        final WholeWordMatcher matcher = new WholeWordMatcher(tokenizer, WholeWordMatcher.pieceIds(tokenizer,
            distinct, reasons));
        final double[][][] sums = new double[layers.length][distinct.size()][];
        final double[][] meanSums = new double[layers.length][hidden];
        final int[] occurrences = new int[distinct.size()];
        long tokens = 0;
        long truncated = 0;
        final List<String> texts = corpus.stream().filter(StringUtils::isNotBlank).toList();
        long done = 0;
        for (int chunkStart = 0; chunkStart < texts.size(); chunkStart += TOKENIZE_CHUNK) {
            final List<TokenizedText> encoded = tokenizer.encodeAll(texts.subList(chunkStart,
                Math.min(texts.size(), chunkStart + TOKENIZE_CHUNK)));
            for (final int[] positions : LengthBatches.of(encoded, batchSize)) {
                progress.checkCancelled();
                final List<TokenizedText> batch = LengthBatches.pick(encoded, positions);
                final List<WholeWordMatcher.Occurrence> found = new ArrayList<>();
                for (int t = 0; t < batch.size(); t++) {
                    matcher.find(batch.get(t), t, found);
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
                    for (final WholeWordMatcher.Occurrence occ : found) {
                        final int w = occ.word();
                        if (sums[l][w] == null) {
                            sums[l][w] = new double[hidden];
                        }
                        final int n = pieces == Pieces.FIRST ? 1 : occ.pieces();
                        final double[] pooled = new double[hidden];
                        for (int k = 0; k < n; k++) {
                            add(pooled, h, states.offset(occ.text(), occ.start() + k), hidden);
                        }
                        for (int d = 0; d < hidden; d++) {
                            sums[l][w][d] += pooled[d] / n;
                        }
                    }
                }
                for (final WholeWordMatcher.Occurrence occ : found) {
                    occurrences[occ.word()]++;
                }
                done += batch.size();
                progress.report(done);
            }
        }
        final float[][][] vectors = new float[layers.length][distinct.size()][];
        for (int w = 0; w < distinct.size(); w++) {
            if (reasons[w] == null && occurrences[w] == 0) {
                reasons[w] = WordVectors.NOT_IN_CORPUS;
            }
            for (int l = 0; l < layers.length && occurrences[w] > 0; l++) {
                vectors[l][w] = WordVectors.scale(sums[l][w], occurrences[w]);
            }
        }
        float[][] mean = null;
        if (tokens > 0) {
            mean = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                mean[l] = WordVectors.scale(meanSums[l], tokens);
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
        WholeWordMatcher.pieceIds(tokenizer, distinct, reasons);
        final List<Integer> usable = new ArrayList<>();
        for (int w = 0; w < distinct.size(); w++) {
            if (reasons[w] == null) {
                usable.add(w);
            }
        }
        final float[][][] vectors = new float[layers.length][distinct.size()][];
        final int[] occurrences = new int[distinct.size()];
        long done = 0;
        final List<TokenizedText> encoded = tokenizer.encodeAll(usable.stream().map(distinct::get).toList());
        for (final int[] positions : LengthBatches.of(encoded, batchSize)) {
            progress.checkCancelled();
            final List<TokenizedText> batch = LengthBatches.pick(encoded, positions);
            final HiddenStates states = hiddenStates(model, batch, layers);
            for (int t = 0; t < batch.size(); t++) {
                final TokenizedText text = batch.get(t);
                final int w = usable.get(positions[t]);
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
                    vectors[l][w] = WordVectors.scale(pooled, Math.max(n, 1));
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
        final long[][] pieceIds = WholeWordMatcher.pieceIds(tokenizer, distinct, reasons);
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
            vectors[0][w] = WordVectors.scale(pooled, n);
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
        final LayerOutputs out = model.runInference(TokenBatch.pad(batch, model.tokenizer().padId()), sorted);
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
}

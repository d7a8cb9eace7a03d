package org.bertlab.core.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.LengthBatches;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * Token Embedding: per-token vectors of chosen layers, or one pooled vector per text, for any number of texts.
 * Inputs are read from an iterator in windows, each window is batched by length (see {@link LengthBatches}), and
 * results are handed to the sink in input order, so a caller can stream a million texts through without holding
 * them. Every batch runs in its own native memory scope.
 */
public final class TokenEmbedder {

    private final BertModel model;

    private final EmbeddingOptions options;

    private final int[] layers;

    private long truncated;

    public TokenEmbedder(final BertModel model, final EmbeddingOptions options) {
        this.model = Validate.notNull(model, "model");
        this.options = Validate.notNull(options, "options");
        this.layers = options.resolveLayers(model.config());
    }

    /**
     * How many texts so far were longer than the tokenizer's maximum length and were cut to it: the caller says so
     * once, instead of vectors of cut texts passing unnoticed.
     */
    public long truncatedTexts() {
        return truncated;
    }

    /** The layers computed, sorted. */
    public int[] layers() {
        return layers.clone();
    }

    /** Per-token vectors, in input order. */
    public void embedTokens(final Iterator<TextInput> inputs, final Consumer<TokenVectors> sink,
        final Progress progress) {
        run(inputs, progress, (index, text, rows) -> sink.accept(tokenVectors(index, text, rows)));
    }

    /** One vector per text and layer (the options' pooling; NONE is read as MEAN), in input order. */
    public void embedPooled(final Iterator<TextInput> inputs, final Consumer<PooledVectors> sink,
        final Progress progress) {
        final Pooling pooling = options.pooling() == Pooling.NONE ? Pooling.MEAN : options.pooling();
        run(inputs, progress, (index, text, rows) -> sink.accept(pool(index, text, rows, pooling)));
    }

    /** Convenience: per-token vectors of a list of texts. */
    public List<TokenVectors> tokens(final List<String> texts) {
        final List<TokenVectors> out = new ArrayList<>(texts.size());
        embedTokens(texts.stream().map(TextInput::of).iterator(), out::add, Progress.NONE);
        return out;
    }

    /** Convenience: pooled vectors of a list of texts. */
    public List<PooledVectors> pooled(final List<String> texts) {
        final List<PooledVectors> out = new ArrayList<>(texts.size());
        embedPooled(texts.stream().map(TextInput::of).iterator(), out::add, Progress.NONE);
        return out;
    }

    /** Receives one text's rows: per layer a flat [token × hidden] array over all its tokens, special tokens included. */
    private interface TextSink {
        void accept(long index, TokenizedText text, float[][] rows);
    }

    private void run(final Iterator<TextInput> inputs, final Progress progress, final TextSink sink) {
        final int window = LengthBatches.window(options.batchSize());
        long first = 0;
        while (inputs.hasNext()) {
            final List<TokenizedText> encoded = new ArrayList<>(window);
            final List<String> singles = new ArrayList<>(window);
            final List<TextInput> read = new ArrayList<>(window);
            while (inputs.hasNext() && read.size() < window) {
                read.add(inputs.next());
            }
            final boolean anyPair = read.stream().anyMatch(t -> t.pair() != null);
            if (anyPair) {
                read.forEach(t -> encoded.add(model.tokenizer().encode(t.text(), t.pair())));
            } else {
                read.forEach(t -> singles.add(t.text()));
                encoded.addAll(model.tokenizer().encodeAll(singles));
            }
            final float[][][] rows = new float[encoded.size()][][];
            for (final int[] batch : LengthBatches.of(encoded, options.batchSize())) {
                progress.checkCancelled();
                computeBatch(encoded, batch, rows);
            }
            for (int i = 0; i < encoded.size(); i++) {
                if (encoded.get(i).truncated()) {
                    truncated++;
                }
                sink.accept(first + i, encoded.get(i), rows[i]);
                rows[i] = null;
            }
            first += encoded.size();
            progress.report(first);
        }
    }

    /**
     * Runs one batch on the model's inference backend and keeps each text's rows of the layers asked for, one flat
     * [tokens × hidden] array per layer; padding rows are never copied.
     */
    private void computeBatch(final List<TokenizedText> encoded, final int[] batch, final float[][][] rows) {
        final List<TokenizedText> texts = LengthBatches.pick(encoded, batch);
        final LayerOutputs out = model.runInference(TokenBatch.pad(texts, model.tokenizer().padId()), layers);
        final int hidden = out.hidden();
        for (int b = 0; b < batch.length; b++) {
            final int n = texts.get(b).length();
            final float[][] perLayer = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                perLayer[l] = new float[n * hidden];
                System.arraycopy(out.states()[l], out.offset(b, 0), perLayer[l], 0, n * hidden);
            }
            rows[batch[b]] = perLayer;
        }
    }

    private TokenVectors tokenVectors(final long index, final TokenizedText text, final float[][] rows) {
        final int hidden = model.config().hiddenSize();
        final int[] kept = keptTokens(text);
        final float[][][] selected = new float[layers.length][kept.length][];
        for (int l = 0; l < layers.length; l++) {
            for (int k = 0; k < kept.length; k++) {
                selected[l][k] = Arrays.copyOfRange(rows[l], kept[k] * hidden, (kept[k] + 1) * hidden);
            }
        }
        return new TokenVectors(index, text, kept, layers, selected);
    }

    private int[] keptTokens(final TokenizedText text) {
        if (options.includeSpecialTokens()) {
            final int[] all = new int[text.length()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        final int[] kept = new int[text.realTokenCount()];
        int k = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!text.isSpecial(i)) {
                kept[k++] = i;
            }
        }
        return kept;
    }

    private PooledVectors pool(final long index, final TokenizedText text, final float[][] rows,
        final Pooling pooling) {
        final int hidden = model.config().hiddenSize();
        final float[][] pooled = new float[layers.length][];
        int[] kept = keptTokens(text);
        if (kept.length == 0) {
            // An empty text has only [CLS] and [SEP]; pooling over nothing would give NaN, so it pools over them.
            kept = new int[text.length()];
            Arrays.setAll(kept, i -> i);
        }
        for (int l = 0; l < layers.length; l++) {
            pooled[l] = switch (pooling) {
                case CLS -> Arrays.copyOfRange(rows[l], 0, hidden);
                case MAX -> max(rows[l], kept, hidden);
                default -> mean(rows[l], kept, hidden);
            };
        }
        return new PooledVectors(index, layers, pooled);
    }

    private static float[] mean(final float[] rows, final int[] kept, final int hidden) {
        final double[] sum = new double[hidden];
        for (final int t : kept) {
            final int from = t * hidden;
            for (int h = 0; h < hidden; h++) {
                sum[h] += rows[from + h];
            }
        }
        final float[] result = new float[hidden];
        for (int h = 0; h < hidden; h++) {
            result[h] = (float)(sum[h] / kept.length);
        }
        return result;
    }

    private static float[] max(final float[] rows, final int[] kept, final int hidden) {
        final float[] result = new float[hidden];
        Arrays.fill(result, Float.NEGATIVE_INFINITY);
        for (final int t : kept) {
            final int from = t * hidden;
            for (int h = 0; h < hidden; h++) {
                result[h] = Math.max(result[h], rows[from + h]);
            }
        }
        return result;
    }
}

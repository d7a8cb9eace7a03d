package org.bertlab.core.align;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.lang3.ArrayUtils;
import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.align.MrrOptions.Candidates;
import org.bertlab.core.encoder.BertHeads;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.runtime.Progress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The language offset: the mean token vector of each language per layer (over its corpus, special tokens
 * excluded) and their difference, offset = mean(target) − mean(source). Adding the offset to a source word's vector
 * is an unsupervised translation (Libovický et al., "How language-neutral is multilingual BERT?", 2019; Liu et al.,
 * "A study of cross-lingual ability and language-specific information in multilingual BERT", 2020, who also decode
 * hidden state + offset with the masked-LM head). This class reports, per layer, accuracy@1, accuracy@5 and MRR of
 * the nearest target words (by cosine) with and without the offset, so the user sees what the offset buys.
 */
public final class LanguageOffset {

    /**
     * Metrics of one layer. Without a dictionary nothing is evaluated ({@code evaluated} 0, metrics 0).
     *
     * @param offset the offset vector itself: target corpus mean − source corpus mean
     * @param offsetNorm Euclidean length of the offset
     * @param meanCosine cosine of the two language means
     */
    public record LayerResult(int layer, float[] offset, double offsetNorm, double meanCosine, int evaluated, int skipped,
        double accuracyAt1Without, double accuracyAt5Without, double mrrWithout, double accuracyAt1With,
        double accuracyAt5With, double mrrWith) {
    }

    /**
     * Nearest target words of one source word at one layer, with and without the offset.
     *
     * @param correct the dictionary's targets (empty without a dictionary)
     * @param rankWithout best rank of a correct target without the offset (0 without a dictionary)
     * @param rankWith the same with the offset
     */
    public record Translation(int layer, String source, List<String> correct, List<String> withoutOffset,
        List<String> withOffset, int rankWithout, int rankWith) {
    }

    /** The masked-LM head's top tokens for a source word's top-layer vector, with and without the offset. */
    public record Decoded(String source, List<String> withoutOffset, List<String> withOffset) {
    }

    /**
     * Everything computed.
     *
     * @param decodeNote why nothing was decoded (no masked-LM head), or empty
     */
    public record Report(List<LayerResult> layers, List<Translation> translations, List<Decoded> decoded,
        String decodeNote, long truncatedTexts) {

        /** A report over vectors without corpus texts cut to the model's length. */
        public Report(final List<LayerResult> layers, final List<Translation> translations,
            final List<Decoded> decoded, final String decodeNote) {
            this(layers, translations, decoded, decodeNote, 0);
        }
    }

    private LanguageOffset() {
    }

    /**
     * Contextual vectors from both corpora, then {@link #evaluate(WordVectors, WordVectors, BilingualDictionary,
     * OffsetOptions)}, then masked-LM decoding where the model has the head.
     *
     * @param dictionary the pairs to score, or null: then every source-corpus word is translated among the
     *            target-corpus words, and nothing is scored
     */
    public static Report evaluate(final BertModel model, final List<String> sourceCorpus,
        final List<String> targetCorpus, final BilingualDictionary dictionary, final OffsetOptions options,
        final Progress progress) {
        final int[] layers = options.resolveLayers(model.config());
        requireText(sourceCorpus, "source");
        requireText(targetCorpus, "target");
        final Set<String> sourceWords = new LinkedHashSet<>();
        final Set<String> targetWords = new LinkedHashSet<>();
        if (dictionary != null) {
            sourceWords.addAll(dictionary.sources());
            targetWords.addAll(dictionary.targets());
        }
        if (dictionary == null) {
            sourceWords.addAll(WordEmbedder.corpusWords(model.tokenizer(), sourceCorpus));
        }
        if (dictionary == null || options.candidates() == Candidates.CORPUS) {
            targetWords.addAll(WordEmbedder.corpusWords(model.tokenizer(), targetCorpus));
        }
        // one count over both corpora, so a caller sees the whole computation's progress
        final long[] done = new long[1];
        final WordVectors source = WordEmbedder.contextual(model, List.copyOf(sourceWords), sourceCorpus, layers,
            options.pieces(), options.batchSize(), DictionaryMrr.sub(progress, 0, done));
        final WordVectors target = WordEmbedder.contextual(model, List.copyOf(targetWords), targetCorpus, layers,
            options.pieces(), options.batchSize(), DictionaryMrr.sub(progress, done[0], done));
        final Report report = evaluate(source, target, dictionary, options);
        final long truncated = source.truncatedTexts() + target.truncatedTexts();
        final int top = model.config().numLayers();
        if (!model.heads().hasMaskedLm()) {
            return new Report(report.layers(), report.translations(), List.of(),
                "The model has no masked-LM head (cls.predictions), so hidden states + offset cannot be decoded.",
                truncated);
        }
        if (!ArrayUtils.contains(layers, top)) {
            return new Report(report.layers(), report.translations(), List.of(),
                "Decoding uses the top layer " + top + ", which was not among the layers computed.", truncated);
        }
        return new Report(report.layers(), report.translations(), decode(model, source, target, options.topK()),
            "", truncated);
    }

    private static void requireText(final List<String> corpus, final String language) {
        if (corpus == null || corpus.stream().allMatch(StringUtils::isBlank)) {
            throw new IllegalArgumentException("The " + language + " corpus has no text: the language offset needs "
                + "sentences in both languages.");
        }
    }

    /**
     * The offset at a layer: target corpus mean − source corpus mean.
     *
     * @throws IllegalArgumentException when a table has no corpus mean
     */
    public static float[] offset(final WordVectors source, final WordVectors target, final int layer) {
        final float[] s = source.corpusMean(layer).orElseThrow(() -> new IllegalArgumentException(
            "The source vectors have no corpus mean: the offset needs vectors from a corpus."));
        final float[] t = target.corpusMean(layer).orElseThrow(() -> new IllegalArgumentException(
            "The target vectors have no corpus mean: the offset needs vectors from a corpus."));
        return CosineRanking.minus(t, s);
    }

    /**
     * Arithmetic translation at every layer both tables have. Source words: the dictionary's (or every source
     * word with a vector when there is no dictionary). Candidates: the dictionary's targets, or with
     * {@link Candidates#CORPUS} (always without a dictionary) every target word with a vector.
     */
    public static Report evaluate(final WordVectors source, final WordVectors target,
        final BilingualDictionary dictionary, final OffsetOptions options) {
        final List<LayerResult> results = new ArrayList<>();
        final List<Translation> translations = new ArrayList<>();
        final List<String> candidateWords = new ArrayList<>();
        final Set<String> pool = new LinkedHashSet<>();
        if (dictionary != null) {
            pool.addAll(dictionary.targets());
        }
        if (dictionary == null || options.candidates() == Candidates.CORPUS) {
            pool.addAll(target.words());
        }
        pool.stream().filter(target::has).forEach(candidateWords::add);
        if (candidateWords.isEmpty()) {
            throw new IllegalArgumentException("No target word has a vector: nothing to translate into "
                + target.skipCounts() + ".");
        }
        final Map<String, Set<String>> gold = dictionary == null ? Map.of() : dictionary.targetsBySource();
        final List<String> queryWords = new ArrayList<>();
        int skipped = 0;
        for (final String s : dictionary == null ? source.words() : dictionary.sources()) {
            final boolean hasGold = dictionary == null
                || gold.get(s).stream().anyMatch(target::has);
            if (source.has(s) && hasGold) {
                queryWords.add(s);
            } else {
                skipped++;
            }
        }
        if (queryWords.isEmpty()) {
            throw new IllegalArgumentException("No source word has a vector" + (dictionary == null ? ""
                : " and a correct target with a vector") + ": nothing to translate " + source.skipCounts() + ".");
        }
        for (final int layer : target.layers()) {
            if (!ArrayUtils.contains(source.layers(), layer)) {
                continue;
            }
            final float[] offset = offset(source, target, layer);
            final float[][] c = new float[candidateWords.size()][];
            for (int j = 0; j < c.length; j++) {
                c[j] = target.vector(layer, candidateWords.get(j));
            }
            final float[][] plain = new float[queryWords.size()][];
            final float[][] shifted = new float[queryWords.size()][];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = source.vector(layer, queryWords.get(i));
                shifted[i] = CosineRanking.plus(plain[i], offset);
            }
            final int[][] topWithout = new int[plain.length][];
            final int[][] topWith = new int[plain.length][];
            final int[] rankWithout = new int[plain.length];
            final int[] rankWith = new int[plain.length];
            CosineRanking.similarities(plain, c, (i, sims) -> {
                topWithout[i] = CosineRanking.topK(sims, options.topK());
                rankWithout[i] = bestRank(sims, gold.get(queryWords.get(i)), candidateWords);
            });
            CosineRanking.similarities(shifted, c, (i, sims) -> {
                topWith[i] = CosineRanking.topK(sims, options.topK());
                rankWith[i] = bestRank(sims, gold.get(queryWords.get(i)), candidateWords);
            });
            final double[] without = metrics(rankWithout);
            final double[] with = metrics(rankWith);
            final float[] sMean = source.corpusMean(layer).orElseThrow();
            final float[] tMean = target.corpusMean(layer).orElseThrow();
            final double meanCosine = cosine(sMean, tMean);
            final int evaluated = dictionary == null ? 0 : queryWords.size();
            results.add(new LayerResult(layer, offset, CosineRanking.norm(offset), meanCosine, evaluated,
                dictionary == null ? 0 : skipped, without[0], without[1], without[2], with[0], with[1], with[2]));
            for (int i = 0; i < plain.length; i++) {
                final String s = queryWords.get(i);
                translations.add(new Translation(layer, s,
                    dictionary == null ? List.of() : List.copyOf(gold.get(s)), words(topWithout[i], candidateWords),
                    words(topWith[i], candidateWords), rankWithout[i], rankWith[i]));
            }
        }
        return new Report(results, translations, List.of(), "");
    }

    private static int bestRank(final float[] sims, final Set<String> correct, final List<String> candidates) {
        if (correct == null) {
            return 0;
        }
        int best = Integer.MAX_VALUE;
        for (int j = 0; j < candidates.size(); j++) {
            if (correct.contains(candidates.get(j))) {
                best = Math.min(best, CosineRanking.rank(sims, j));
            }
        }
        return best == Integer.MAX_VALUE ? 0 : best;
    }

    /** accuracy@1, accuracy@5, MRR over ranks (0 = not scored). */
    private static double[] metrics(final int[] ranks) {
        int n = 0;
        double at1 = 0;
        double at5 = 0;
        double rr = 0;
        for (final int r : ranks) {
            if (r > 0) {
                n++;
                at1 += r == 1 ? 1 : 0;
                at5 += r <= 5 ? 1 : 0;
                rr += 1.0 / r;
            }
        }
        return n == 0 ? new double[3] : new double[]{at1 / n, at5 / n, rr / n};
    }

    private static List<String> words(final int[] indices, final List<String> candidates) {
        final List<String> out = new ArrayList<>(indices.length);
        for (final int j : indices) {
            out.add(candidates.get(j));
        }
        return out;
    }

    private static double cosine(final float[] a, final float[] b) {
        final double na = CosineRanking.norm(a);
        final double nb = CosineRanking.norm(b);
        if (na == 0 || nb == 0) {
            return 0;
        }
        double dot = 0;
        for (int d = 0; d < a.length; d++) {
            dot += (double)a[d] * b[d];
        }
        return dot / (na * nb);
    }

    /**
     * The masked-LM head applied to each source word's top-layer vector, with and without the top-layer offset;
     * special tokens are never listed.
     */
    public static List<Decoded> decode(final BertModel model, final WordVectors source, final WordVectors target,
        final int topK) {
        final int top = model.config().numLayers();
        final float[] offset = offset(source, target, top);
        final List<String> words = source.presentWords();
        final int hidden = model.config().hiddenSize();
        final List<Decoded> decoded = new ArrayList<>();
        final int chunk = 128;
        for (int start = 0; start < words.size(); start += chunk) {
            final List<String> part = words.subList(start, Math.min(words.size(), start + chunk));
            final float[] flat = new float[2 * part.size() * hidden];
            for (int i = 0; i < part.size(); i++) {
                final float[] v = source.vector(top, part.get(i));
                System.arraycopy(v, 0, flat, i * hidden, hidden);
                System.arraycopy(CosineRanking.plus(v, offset), 0, flat, (part.size() + i) * hidden, hidden);
            }
            final float[] logits = DjlRuntime.call(() -> {
                try (NDManager manager = model.newBatchManager()) {
                    final NDArray x = manager.create(flat, new Shape(2L * part.size(), hidden))
                        .toType(model.dataType(), false);
                    final BertHeads heads = model.heads();
                    return heads.maskedLmLogits(x).toType(DataType.FLOAT32, false).toFloatArray();
                }
            });
            final int vocab = logits.length / (2 * part.size());
            for (int i = 0; i < part.size(); i++) {
                decoded.add(new Decoded(part.get(i), tokens(model, logits, i * vocab, vocab, topK),
                    tokens(model, logits, (part.size() + i) * vocab, vocab, topK)));
            }
        }
        return decoded;
    }

    private static List<String> tokens(final BertModel model, final float[] logits, final int offset,
        final int vocab, final int topK) {
        final float[] row = new float[vocab];
        System.arraycopy(logits, offset, row, 0, vocab);
        for (int id = 0; id < vocab; id++) {
            final String token = model.tokenizer().token(id);
            if (token == null || token.startsWith("[") && token.endsWith("]")) {
                row[id] = Float.NEGATIVE_INFINITY;
            }
        }
        final List<String> out = new ArrayList<>();
        for (final int id : CosineRanking.topK(row, topK)) {
            out.add(model.tokenizer().token(id));
        }
        return out;
    }
}

package org.bertlab.core.align;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.align.MrrOptions.Candidates;
import org.bertlab.core.align.MrrOptions.Direction;
import org.bertlab.core.align.MrrOptions.Mode;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.options.InvalidOptionException;

/**
 * Bilingual lexicon induction scored by mean reciprocal rank, the measure of word-level cross-lingual alignment
 * (as in Conneau et al., "Word translation without parallel data", 2018, and the mBERT studies built on it).
 *
 * <p>For each source word every candidate target is ranked by cosine similarity. A correct target's rank is 1 +
 * the number of candidates strictly more similar (ties favour the correct word); a source word scores the
 * reciprocal rank of its best-ranked correct target; MRR is the mean over distinct source words, and precision@k
 * the share of source words whose best correct target is within the first k. Pairs whose source or target has no
 * vector are skipped and counted by reason; nothing evaluable is an error, never a NaN.
 *
 * <p>Centring subtracts each language's mean word vector (the mean over that language's word vectors of the run)
 * before the cosine, which removes the language offset (Libovický et al., "How language-neutral is multilingual
 * BERT?", 2019).
 */
public final class DictionaryMrr {

    /** The rank of one dictionary pair in one direction (source and target as in the dictionary file). */
    public record PairRank(String source, String target, int rank) {
    }

    /**
     * The result of one layer in one direction.
     *
     * @param evaluated dictionary pairs ranked
     * @param skipped dictionary pairs not ranked
     * @param skipReasons why, with counts (e.g. "target word not in corpus")
     * @param words distinct query words the MRR is the mean over
     * @param candidates number of candidates each query was ranked against
     */
    public record LayerResult(int layer, Direction direction, boolean centred, double mrr, double pAt1,
        double pAt5, double pAt10, int evaluated, int skipped, Map<String, Integer> skipReasons, int words,
        int candidates, List<PairRank> ranks) {
    }

    /** Vectors of both languages, computed once and evaluated with and without centring. */
    public record LanguageVectors(WordVectors source, WordVectors target) {
    }

    private DictionaryMrr() {
    }

    /** Computes word vectors as the options say and evaluates them. */
    public static List<LayerResult> evaluate(final BertModel model, final BilingualDictionary dictionary,
        final List<String> sourceCorpus, final List<String> targetCorpus, final MrrOptions options,
        final Progress progress) {
        return evaluate(vectors(model, dictionary, sourceCorpus, targetCorpus, options, progress), dictionary,
            options);
    }

    /**
     * The word vectors of both languages: the dictionary's words, plus every corpus word when candidates come from
     * the corpus.
     *
     * @param sourceCorpus one text per element, or null (then contextual mode and corpus candidates are refused)
     */
    public static LanguageVectors vectors(final BertModel model, final BilingualDictionary dictionary,
        final List<String> sourceCorpus, final List<String> targetCorpus, final MrrOptions options,
        final Progress progress) {
        final int[] layers = options.resolveLayers(model.config());
        final boolean needsCorpus = options.needsCorpus();
        if (needsCorpus) {
            requireText(sourceCorpus, "source", options);
            requireText(targetCorpus, "target", options);
        }
        final List<String> sourceWords = new ArrayList<>(dictionary.sources());
        final List<String> targetWords = new ArrayList<>(dictionary.targets());
        if (options.candidates() == Candidates.CORPUS) {
            sourceWords.addAll(WordEmbedder.corpusWords(model.tokenizer(), sourceCorpus));
            targetWords.addAll(WordEmbedder.corpusWords(model.tokenizer(), targetCorpus));
        }
        final long[] done = new long[1];
        final Progress sourceProgress = sub(progress, 0, done);
        final WordVectors source = words(model, sourceWords, sourceCorpus, layers, options, sourceProgress);
        final long afterSource = done[0];
        final WordVectors target = words(model, targetWords, targetCorpus, layers, options,
            sub(progress, afterSource, done));
        return new LanguageVectors(source, target);
    }

    /** Progress of one part of a longer computation: reports {@code base} plus this part's count into {@code done}. */
    static Progress sub(final Progress progress, final long base, final long[] done) {
        return new Progress() {
            @Override
            public void report(final long d) {
                done[0] = base + d;
                progress.report(done[0]);
            }

            @Override
            public void checkCancelled() {
                progress.checkCancelled();
            }
        };
    }

    private static void requireText(final List<String> corpus, final String language, final MrrOptions options) {
        final String why = options.mode() == Mode.CONTEXTUAL ? "contextual vectors" : "corpus candidates";
        if (corpus == null) {
            throw new InvalidOptionException("mode", "No " + language + " corpus given: " + why + " need a corpus in "
                + "each language (or use the isolated or static {mode} with dictionary {candidates}).", null);
        }
        if (corpus.stream().allMatch(StringUtils::isBlank)) {
            throw new IllegalArgumentException("The " + language + " corpus has no text: " + why
                + " need sentences in both languages.");
        }
    }

    private static WordVectors words(final BertModel model, final List<String> words, final List<String> corpus,
        final int[] layers, final MrrOptions options, final Progress progress) {
        return switch (options.mode()) {
            case CONTEXTUAL -> WordEmbedder.contextual(model, words, corpus, layers, options.pieces(),
                options.batchSize(), progress);
            case ISOLATED -> WordEmbedder.isolated(model, words, layers, options.pieces(), options.batchSize(),
                progress);
            case STATIC -> WordEmbedder.staticEmbedding(model, words, options.pieces());
        };
    }

    /**
     * Evaluates given vectors: every layer both tables have, the directions of the options, raw, centred or both
     * as the options say (raw rows first, then centred).
     *
     * @throws IllegalArgumentException when no dictionary pair has vectors on both sides (with the reasons)
     */
    public static List<LayerResult> evaluate(final LanguageVectors vectors, final BilingualDictionary dictionary,
        final MrrOptions options) {
        final List<LayerResult> results = new ArrayList<>();
        final Set<Integer> targetLayers = new LinkedHashSet<>();
        for (final int l : vectors.target().layers()) {
            targetLayers.add(l);
        }
        for (final boolean centred : options.centring().flags()) {
            for (final int layer : vectors.source().layers()) {
                if (!targetLayers.contains(layer)) {
                    continue;
                }
                for (final Direction direction : options.directions()) {
                    results.add(evaluate(vectors, dictionary, layer, direction, centred, options.candidates()));
                }
            }
        }
        return results;
    }

    /** One layer, one direction. */
    public static LayerResult evaluate(final LanguageVectors vectors, final BilingualDictionary dictionary,
        final int layer, final Direction direction, final boolean centred, final Candidates candidateSet) {
        final boolean forward = direction == Direction.SOURCE_TO_TARGET;
        final WordVectors queries = forward ? vectors.source() : vectors.target();
        final WordVectors candidates = forward ? vectors.target() : vectors.source();
        final BilingualDictionary d = forward ? dictionary : dictionary.reversed();

        final List<String> candidateWords = new ArrayList<>();
        final Set<String> pool = new LinkedHashSet<>(d.targets());
        if (candidateSet == Candidates.CORPUS) {
            pool.addAll(candidates.words());
        }
        for (final String w : pool) {
            if (candidates.has(w)) {
                candidateWords.add(w);
            }
        }
        final Map<String, Integer> candidateIndex = new HashMap<>();
        for (int j = 0; j < candidateWords.size(); j++) {
            candidateIndex.put(candidateWords.get(j), j);
        }

        final Map<String, Integer> reasons = new LinkedHashMap<>();
        int evaluated = 0;
        final Map<String, List<String>> gold = new LinkedHashMap<>();
        for (final BilingualDictionary.Pair p : d.pairs()) {
            final String querySide = forward ? "source" : "target";
            final String candidateSide = forward ? "target" : "source";
            if (!queries.has(p.source())) {
                reasons.merge(querySide + " word " + queries.skipReason(p.source()), 1, Integer::sum);
            } else if (!candidates.has(p.target())) {
                reasons.merge(candidateSide + " word " + candidates.skipReason(p.target()), 1, Integer::sum);
            } else {
                evaluated++;
                gold.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p.target());
            }
        }
        final int skipped = d.size() - evaluated;
        if (evaluated == 0) {
            throw new IllegalArgumentException("No dictionary pair could be evaluated at layer " + layer + " ("
                + direction.label() + "): all " + skipped + " pairs skipped " + reasons + ".");
        }

        final List<String> queryWords = new ArrayList<>(gold.keySet());
        final float[] queryMean = centred ? queries.wordMean(layer) : null;
        final float[] candidateMean = centred ? candidates.wordMean(layer) : null;
        final float[][] q = new float[queryWords.size()][];
        for (int i = 0; i < q.length; i++) {
            final float[] v = queries.vector(layer, queryWords.get(i));
            q[i] = centred ? CosineRanking.minus(v, queryMean) : v;
        }
        final float[][] c = new float[candidateWords.size()][];
        for (int j = 0; j < c.length; j++) {
            final float[] v = candidates.vector(layer, candidateWords.get(j));
            c[j] = centred ? CosineRanking.minus(v, candidateMean) : v;
        }
        final int[][] goldRanks = new int[q.length][];
        CosineRanking.similarities(q, c, (i, sims) -> {
            final List<String> targets = gold.get(queryWords.get(i));
            final int[] r = new int[targets.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = CosineRanking.rank(sims, candidateIndex.get(targets.get(k)));
            }
            goldRanks[i] = r;
        });

        double reciprocal = 0;
        int at1 = 0;
        int at5 = 0;
        int at10 = 0;
        final List<PairRank> ranks = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            int best = Integer.MAX_VALUE;
            final List<String> targets = gold.get(queryWords.get(i));
            for (int k = 0; k < targets.size(); k++) {
                final int r = goldRanks[i][k];
                best = Math.min(best, r);
                ranks.add(forward ? new PairRank(queryWords.get(i), targets.get(k), r)
                    : new PairRank(targets.get(k), queryWords.get(i), r));
            }
            reciprocal += 1.0 / best;
            at1 += best <= 1 ? 1 : 0;
            at5 += best <= 5 ? 1 : 0;
            at10 += best <= 10 ? 1 : 0;
        }
        final int n = q.length;
        return new LayerResult(layer, direction, centred, reciprocal / n, (double)at1 / n, (double)at5 / n,
            (double)at10 / n, evaluated, skipped, reasons, n, c.length, List.copyOf(ranks));
    }

    /**
     * The expected MRR of a random ranking with one correct target among {@code candidates}: the mean of 1/r over
     * r = 1..n, i.e. H(n)/n. The baseline a real result is compared with.
     */
    public static double randomBaseline(final int candidates) {
        double h = 0;
        for (int r = 1; r <= candidates; r++) {
            h += 1.0 / r;
        }
        return candidates == 0 ? 0 : h / candidates;
    }
}

package org.bertlab.core.train.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.predict.ClassPrediction;
import org.bertlab.core.predict.Predictor;
import org.bertlab.core.train.ClassificationExample;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneResult;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.TrainingProgress;

/**
 * Zero-shot cross-lingual transfer (the setting of Pires et al. 2019, "How multilingual is multilingual BERT?"):
 * fine-tune a topic classifier on English sentences only and test it on the Chinese translations of held-out
 * sentences, against the majority-class baseline and against the same model fine-tuned on Chinese. Data: the
 * shipped CC0 set {@code data/topics-en-zh.tsv} (160 parallel sentences, four topics), split by a seeded shuffle
 * into training and test pairs, so no test sentence is seen in either language.
 *
 * @param testFraction share of the pairs held out for testing
 * @param options the fine-tuning settings for both runs (validation is the held-out English or Chinese half)
 */
public record ZeroShotExperiment(double testFraction, FineTuneOptions options) {

    public static final String DATA = "/org/bertlab/core/train/data/topics-en-zh.tsv";

    /** The defaults: 40 % test, 6 epochs at 1e-4, batch 16, word embeddings frozen (also faster on a CPU). */
    public static ZeroShotExperiment defaults() {
        return new ZeroShotExperiment(0.4, FineTuneOptions.builder().epochs(6).batchSize(16).learningRate(1e-4)
            .maxLength(48).freezeEmbeddings(true).seed(7).build());
    }

    /** One parallel example. */
    public record Pair(String topic, String english, String chinese) {
    }

    public static List<Pair> data() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            ZeroShotExperiment.class.getResourceAsStream(DATA), StandardCharsets.UTF_8))) {
            final List<Pair> pairs = new ArrayList<>();
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                final String[] f = line.split("\t");
                pairs.add(new Pair(f[1], f[2], f[3]));
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param models makes a fresh copy of the model to fine-tune (called twice per seed; each copy is closed here)
     * @param seeds runs per configuration, with seeds options.seed(), options.seed() + 1, ...; the seed also draws
     *     the train/test split, so the majority baseline can differ between seeds
     * @param log receives one line per finished run
     */
    public ExperimentReport run(final Supplier<BertModel> models, final int seeds, final Consumer<String> log) {
        ExperimentReport.requireReproducibleThreads();
        final SeedSummary summary = new SeedSummary();
        int trainSize = 0;
        int testSize = 0;
        for (int s = 0; s < seeds; s++) {
            final long seed = options.seed() + s;
            final List<Pair> pairs = new ArrayList<>(data());
            Collections.shuffle(pairs, new Random(seed));
            final int test = (int)Math.round(pairs.size() * testFraction);
            final List<Pair> testPairs = pairs.subList(0, test);
            final List<Pair> trainPairs = pairs.subList(test, pairs.size());
            trainSize = trainPairs.size();
            testSize = testPairs.size();
            final Map<String, Integer> counts = new HashMap<>();
            trainPairs.forEach(p -> counts.merge(p.topic(), 1, Integer::sum));
            final String majority = Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
            final double baseline = testPairs.stream().filter(p -> p.topic().equals(majority)).count()
                / (double)testPairs.size();
            summary.add(List.of("majority class"), seed, Double.NaN, baseline, baseline);
            for (final boolean english : new boolean[]{true, false}) {
                final long start = System.nanoTime();
                try (TrainableModel trainable = TrainableModel.of(models.get())) {
                    final BertModel model = trainable.model();
                    final List<ClassificationExample> train = trainPairs.stream()
                        .map(p -> ClassificationExample.of(english ? p.english() : p.chinese(), p.topic())).toList();
                    final List<ClassificationExample> validation = testPairs.stream()
                        .map(p -> ClassificationExample.of(english ? p.english() : p.chinese(), p.topic())).toList();
                    final FineTuneResult r = new FineTuner(options.toBuilder().seed(seed).build()).classify(
                        trainable, train, validation, TrainingProgress.NONE);
                    final Predictor predictor = new Predictor(model);
                    final double en = accuracy(predictor.classify(testPairs.stream().map(Pair::english).toList(),
                        null), testPairs);
                    final double zh = accuracy(predictor.classify(testPairs.stream().map(Pair::chinese).toList(),
                        null), testPairs);
                    final String label = "fine-tuned on " + (english ? "English" : "Chinese");
                    summary.add(List.of(label), seed, r.last().trainLoss(), en, zh);
                    log.accept(String.format("%s, seed %d: train loss %.3f, English %.3f, Chinese %.3f (%.0f s)", label,
                        seed, r.last().trainLoss(), en, zh, (System.nanoTime() - start) / 1e9));
                }
            }
        }
        return new ExperimentReport("Zero-shot cross-lingual topic classification (" + trainSize
            + " training pairs, " + testSize + " test pairs, 4 topics)",
            List.of("model", "seed", "final train loss", "English test accuracy", "Chinese test accuracy"),
            summary.rows(), List.of("fine-tuning: " + options + (seeds > 1 ? " (seed varied per row)" : ""),
                "zero-shot transfer = the Chinese accuracy of the model fine-tuned on English; the Chinese-trained "
                    + "row is the in-language upper reference", "the seed draws the split too; the majority class is "
                        + "that of the seed's training pairs", ExperimentReport.runtime()));
    }

    private static double accuracy(final List<ClassPrediction> predictions, final List<Pair> gold) {
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (predictions.get(i).label().equals(gold.get(i).topic())) {
                correct++;
            }
        }
        return (double)correct / gold.size();
    }
}

package org.bertlab.core.train.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.predict.AnswerPrediction;
import org.bertlab.core.predict.Predictor;
import org.bertlab.core.train.AnswerMetrics;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneResult;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.QaExample;
import org.bertlab.core.train.SquadJson;
import org.bertlab.core.train.TrainingProgress;

/**
 * Zero-shot cross-lingual reading comprehension (Hsu, Liu &amp; Lee 2019, "Zero-shot Reading Comprehension by
 * Cross-lingual Transfer Learning with Multi-lingual Language Representation Model"): fine-tune extractive QA on
 * English only and answer Chinese questions, against the same model fine-tuned on Chinese and the same architecture
 * from random initialisation fine-tuned on English. Every model is scored on an English and a Chinese test set with
 * exact match and F1 ({@link AnswerMetrics}: the SQuAD v1.1 script for English, character-level for Chinese).
 * <p>
 * The default data is the shipped CC0 set {@code data/qa-*.json} (SQuAD v1.1 format, parallel English and Chinese
 * paragraphs about invented people; README beside it). Other SQuAD-format files (SQuAD v1.1 train, DRCD test, with
 * an mBERT folder as the model) are passed to {@link #run(Supplier, Data, int, Consumer)} as {@link Data}.
 *
 * @param options fine-tuning settings of every run (its seed is the first seed; validation is not used: the test
 *     sets are scored after training)
 * @param scratchLearningRate learning rate of the random-initialisation runs (a model trained from scratch needs a
 *     larger one)
 */
public record ZeroShotQaExperiment(FineTuneOptions options, double scratchLearningRate) {

    /** Resource folder of the shipped data. */
    public static final String DATA = "/org/bertlab/core/train/data/";

    /** The shipped files. */
    public static final List<String> FILES = List.of("qa-en-train.json", "qa-zh-train.json", "qa-en-test.json",
        "qa-zh-test.json");

    /** The "version" field of the shipped files. */
    public static final String VERSION = "bertlab-qa-en-zh-1";

    /**
     * The data of one comparison.
     *
     * @param englishTrain the English (source-language) training set
     * @param chineseTrain the Chinese (target-language) training set, for the in-language reference row
     * @param englishTest the English test set
     * @param chineseTest the Chinese test set
     */
    public record Data(List<QaExample> englishTrain, List<QaExample> chineseTrain, List<QaExample> englishTest,
        List<QaExample> chineseTest) {
    }

    /**
     * 6 epochs of batch 8 (225 steps), learning rate 3e-4 (1e-3 from scratch), max length 96, word embeddings frozen
     * (cheaper on a CPU, and the shared word vectors are what carries the transfer).
     */
    public static ZeroShotQaExperiment defaults() {
        return new ZeroShotQaExperiment(FineTuneOptions.builder().task("qa").epochs(6).batchSize(8)
            .learningRate(3e-4).maxLength(96).freezeEmbeddings(true).validationFraction(0).seed(7).build(), 1e-3);
    }

    /** The shipped English–Chinese set. */
    public static Data shippedData() {
        final List<List<QaExample>> sets = new ArrayList<>();
        for (final String name : FILES) {
            try (InputStream in = ZeroShotQaExperiment.class.getResourceAsStream(DATA + name)) {
                sets.add(SquadJson.read(in, name).examples());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Data(sets.get(0), sets.get(1), sets.get(2), sets.get(3));
    }

    /**
     * @param models makes a fresh copy of the pre-trained model (three times per seed: two runs start from it, the
     *     third takes its configuration and tokenizer; each copy is closed here)
     * @param data the four sets
     * @param seeds runs per configuration, with seeds options.seed(), options.seed() + 1, ...
     * @param log receives one line per finished run
     */
    public ExperimentReport run(final Supplier<BertModel> models, final Data data, final int seeds,
        final Consumer<String> log) {
        ExperimentReport.requireReproducibleThreads();
        final SeedSummary summary = new SeedSummary();
        for (int s = 0; s < seeds; s++) {
            final long seed = options.seed() + s;
            final FineTuneOptions seeded = options.toBuilder().seed(seed).build();
            run(summary, "fine-tuned on English", seed, data.englishTrain(), data, models::get, seeded, log);
            run(summary, "fine-tuned on Chinese", seed, data.chineseTrain(), data, models::get, seeded, log);
            final FineTuneOptions scratch = seeded.toBuilder().learningRate(scratchLearningRate).build();
            run(summary, "random init, fine-tuned on English", seed, data.englishTrain(), data,
                () -> randomCopy(models.get(), seed, scratch), scratch, log);
        }
        return new ExperimentReport("Zero-shot cross-lingual extractive QA (" + data.englishTrain().size()
            + " English / " + data.chineseTrain().size() + " Chinese training questions; " + data.englishTest()
            .size() + " English, " + data.chineseTest().size() + " Chinese test questions)",
            List.of("model", "seed", "final train loss", "English EM", "English F1", "Chinese EM", "Chinese F1"),
            summary.rows(),
            List.of("fine-tuning: " + options + " (random init: learning rate " + scratchLearningRate + ")", "zero-shot transfer = the Chinese EM/F1 of the model fine-tuned on "
                    + "English; fine-tuned on Chinese is the in-language reference, random init the floor",
                "EM/F1: official SQuAD v1.1 normalisation for English, character-level F1 for Chinese (as MLQA's "
                    + "script), averaged over questions", "sd = sample standard deviation over seeds",
                ExperimentReport.runtime()));
    }

    private static void run(final SeedSummary summary, final String label, final long seed,
        final List<QaExample> train, final Data data, final Supplier<BertModel> models,
        final FineTuneOptions options, final Consumer<String> log) {
        final long start = System.nanoTime();
        try (TrainableModel model = TrainableModel.of(models.get())) {
            final FineTuneResult r = new FineTuner(options).questionAnswering(model, train, null,
                TrainingProgress.NONE);
            final Predictor predictor = new Predictor(model.model());
            final double[] en = score(predictor, data.englishTest());
            final double[] zh = score(predictor, data.chineseTest());
            summary.add(List.of(label), seed, r.last().trainLoss(), en[0], en[1], zh[0], zh[1]);
            log.accept(String.format("%s, seed %d: train loss %.3f, English EM %.3f F1 %.3f, Chinese EM %.3f F1 %.3f"
                + " (%.0f s)", label, seed, r.last().trainLoss(), en[0], en[1], zh[0], zh[1],
                (System.nanoTime() - start) / 1e9));
        }
    }

    /** The same architecture and tokenizer with BERT's random initialisation; the pre-trained copy is closed. */
    private static BertModel randomCopy(final BertModel pretrained, final long seed, final FineTuneOptions options) {
        try (BertModel m = pretrained) {
            return ModelLoader.createRandom(m.config(), m.tokenizer().withMaxLength(m.tokenizer().maxLength()),
                LoadOptions.DEFAULT.withDevice(options.device()), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean exact match and F1 over the examples, each against its best gold answer. */
    static double[] score(final Predictor predictor, final List<QaExample> examples) {
        final List<AnswerPrediction> predictions = predictor.answer(examples.stream().map(QaExample::question)
            .toList(), examples.stream().map(QaExample::context).toList());
        double exact = 0;
        double f1 = 0;
        for (int i = 0; i < examples.size(); i++) {
            final QaExample gold = examples.get(i);
            final AnswerMetrics.Scheme scheme = AnswerMetrics.Scheme.forContext(gold.context());
            exact += AnswerMetrics.exactMatch(predictions.get(i).answer(), gold.answers(), scheme);
            f1 += AnswerMetrics.f1(predictions.get(i).answer(), gold.answers(), scheme);
        }
        return new double[]{exact / examples.size(), f1 / examples.size()};
    }
}

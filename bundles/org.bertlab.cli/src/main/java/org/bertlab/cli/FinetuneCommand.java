package org.bertlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.TokenMappingFile;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.SaveOptions;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.core.train.EpochStatistics;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneResult;
import org.bertlab.core.train.FineTuneTask;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.Pretrainer;
import org.bertlab.core.train.QaExample;
import org.bertlab.core.train.SquadJson;
import org.bertlab.core.train.TrainingProgress;
import org.bertlab.core.train.TrainingTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bertlab finetune}: the engine's {@link FineTuner} on TSV tables. Options left out keep the defaults of
 * {@link FineTuneOptions}, the one place they are defined.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fine-tune a model (classify, qa), continue its masked-LM pre-training (mlm) or pre-train a new "
        + "BERT from scratch (pretrain); save it with its head, labels and token mapping as a Hugging Face folder.",
        "Tables are UTF-8 TSV with a header: classify text[, text_pair], label; qa question, context, answer_text, "
            + "answer_start, or a SQuAD v1.1 JSON file (DRCD uses the same format); mlm/pretrain text (or one text "
            + "per line, e.g. from 'bertlab corpus').",
        "--max-length (from the model options) is the training sequence length; for pretrain it defaults to "
            + FineTuneOptions.DEFAULT_MAX_LENGTH + "."})
final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, paramLabel = "classify|qa|mlm|pretrain",
        description = "What to train.")
    String task;

    @Option(names = "--train", required = true, paramLabel = "FILE",
        description = "Training table (TSV; for qa also SQuAD JSON).")
    Path train;

    @Option(names = "--validation", paramLabel = "FILE",
        description = "Validation table (default: hold out --validation-fraction of the training table).")
    Path validation;

    @Option(names = "--output", required = true, paramLabel = "DIR",
        description = "Folder to save the trained model in: a new or empty folder, or one bertlab saved a model in "
            + "(its files are replaced, nothing else); training_statistics.tsv is written beside the weights.")
    Path output;

    @Option(names = "--overwrite", description = "Allow saving into an existing folder that holds other files; only "
        + "the model's own files (config.json, model.safetensors, tokenizer files, " + STATISTICS + ") are replaced.")
    boolean overwrite;

    @Mixin
    ModelOptions model;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training table (default: "
        + FineTuneOptions.DEFAULT_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step; clamped to the table size "
        + "with a note (default: " + FineTuneOptions.DEFAULT_BATCH_SIZE + ").")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "X", description = "Peak learning rate, > 0 (default: "
        + FineTuneOptions.DEFAULT_LEARNING_RATE + "; about 1e-3 for pretrain).")
    Double learningRate;

    @Option(names = "--warmup", paramLabel = "F", description = "Fraction of steps warming up linearly before the "
        + "linear decay to 0 (default: " + FineTuneOptions.DEFAULT_WARMUP_FRACTION + ").")
    Double warmup;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW decoupled weight decay, not on biases "
        + "and LayerNorm (default: " + FineTuneOptions.DEFAULT_WEIGHT_DECAY + ").")
    Double weightDecay;

    @Option(names = "--gradient-clip", paramLabel = "X", description = "Largest global gradient norm, 0 = off "
        + "(default: " + FineTuneOptions.DEFAULT_GRADIENT_CLIP + ").")
    Double gradientClip;

    @Option(names = "--freeze-embeddings", description = "Keep the embedding weights fixed.")
    boolean freezeEmbeddings;

    @Option(names = "--freeze-layers", paramLabel = "K", description = "Keep the lowest K transformer layers fixed "
        + "(default: 0).")
    Integer freezeLayers;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialisation, shuffling, masking and "
        + "dropout; same seed and device, same result (default: " + FineTuneOptions.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Share held out for validation when "
        + "--validation is not given, 0 = none (default: " + FineTuneOptions.DEFAULT_VALIDATION_FRACTION + ").")
    Double validationFraction;

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without a lower validation "
        + "loss and keep the best epoch's weights, 0 = off (default: 0).")
    Integer patience;

    @Option(names = "--balance-classes", description = "classify: weight classes inversely to their frequency.")
    boolean balanceClasses;

    @Option(names = "--mlm-probability", paramLabel = "P", description = "mlm/pretrain: share of tokens masked "
        + "(80%% [MASK], 10%% random, 10%% kept) (default: " + FineTuneOptions.DEFAULT_MLM_PROBABILITY + ").")
    Double mlmProbability;

    @Option(names = "--qa-stride", paramLabel = "N", description = "qa: tokens between the starts of consecutive "
        + "windows of a long context (default: " + FineTuneOptions.DEFAULT_QA_STRIDE + ").")
    Integer qaStride;

    @Option(names = "--max-answer-tokens", paramLabel = "N", description = "qa: longest answer in tokens (default: "
        + FineTuneOptions.DEFAULT_MAX_ANSWER_TOKENS + ").")
    Integer maxAnswerTokens;

    @Option(names = "--max-question-tokens", paramLabel = "N", description = "qa: questions are cut to N tokens "
        + "(default: " + FineTuneOptions.DEFAULT_MAX_QUESTION_TOKENS + ").")
    Integer maxQuestionTokens;

    @Option(names = "--layers", paramLabel = "N", description = "pretrain: transformer layers (default: "
        + FineTuneOptions.DEFAULT_PRETRAIN_LAYERS + ").")
    Integer layers;

    @Option(names = "--hidden", paramLabel = "N", description = "pretrain: hidden size (default: "
        + FineTuneOptions.DEFAULT_PRETRAIN_HIDDEN + ").")
    Integer hidden;

    @Option(names = "--heads", paramLabel = "N", description = "pretrain: attention heads, dividing --hidden "
        + "(default: " + FineTuneOptions.DEFAULT_PRETRAIN_HEADS + ").")
    Integer heads;

    @Option(names = "--intermediate", paramLabel = "N", description = "pretrain: feed-forward size (default: 4 x "
        + "hidden).")
    Integer intermediate;

    @Option(names = "--vocab", paramLabel = "N", description = "pretrain: most whole words in the vocabulary built "
        + "from the training texts (default: " + FineTuneOptions.DEFAULT_PRETRAIN_VOCAB + ").")
    Integer vocab;

    @Option(names = "--token-mapping", paramLabel = "FILE",
        description = "A token_mapping.tsv (cross-discipline symbols to vocabulary tokens) to read the texts "
            + "through; it is saved with the model so 'bertlab predict' applies it too.")
    Path tokenMapping;

    @Option(names = "--quiet", description = "Do not print progress per step.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    FineTuneOptions options() {
        final FineTuneOptions.Builder b = FineTuneOptions.builder().task(task)
            .maxLength(model.maxLength).device(DeviceChoice.parse(model.device))
            .freezeEmbeddings(freezeEmbeddings).balanceClasses(balanceClasses);
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (warmup != null) {
            b.warmupFraction(warmup);
        }
        if (weightDecay != null) {
            b.weightDecay(weightDecay);
        }
        if (gradientClip != null) {
            b.gradientClip(gradientClip);
        }
        if (freezeLayers != null) {
            b.freezeLowestLayers(freezeLayers);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (validationFraction != null) {
            b.validationFraction(validationFraction);
        }
        if (patience != null) {
            b.earlyStoppingPatience(patience);
        }
        if (mlmProbability != null) {
            b.mlmProbability(mlmProbability);
        }
        if (qaStride != null) {
            b.qaStride(qaStride);
        }
        if (maxAnswerTokens != null) {
            b.maxAnswerTokens(maxAnswerTokens);
        }
        if (maxQuestionTokens != null) {
            b.maxQuestionTokens(maxQuestionTokens);
        }
        if (layers != null) {
            b.pretrainLayers(layers);
        }
        if (hidden != null) {
            b.pretrainHidden(hidden);
        }
        if (heads != null) {
            b.pretrainHeads(heads);
        }
        if (intermediate != null) {
            b.pretrainIntermediate(intermediate);
        }
        if (vocab != null) {
            b.pretrainVocab(vocab);
        }
        return b.build();
    }

    /** The output rules of the saved folder: no overwriting unless asked, the inputs protected. */
    SaveOptions saveOptions() {
        return SaveOptions.DEFAULT.withOverwrite(overwrite).withInputs(train, validation, model.model, tokenMapping);
    }

    @Override
    public Integer call() throws Exception {
        final FineTuneOptions options = options();
        // Before training: a refused output folder should fail now, not after the last epoch.
        BertModel.checkSaveTarget(output, saveOptions());
        final FineTuner tuner = new FineTuner(options);
        final var err = spec.commandLine().getErr();
        final var out = spec.commandLine().getOut();
        final TrainingProgress progress = quiet ? TrainingProgress.NONE : new TrainingProgress() {
            @Override
            public void step(final int epoch, final int step, final int total, final double loss, final double lr) {
                if (step == 1 || step == total || step % 10 == 0) {
                    err.printf("epoch %d step %d/%d loss %.4f lr %.2e%n", epoch, step, total, loss, lr);
                    err.flush();
                }
            }
        };
        final FineTuneTask t = options.task();
        final FineTuneResult result;
        if (t == FineTuneTask.PRETRAIN) {
            result = new Pretrainer(options).pretrain(TrainingTables.readTexts(train), validation == null ? null
                : TrainingTables.readTexts(validation), progress);
        } else {
            // Loaded for this run only: nothing else reads it, so it is trained in place.
            final TrainableModel m = TrainableModel.of(model.load());
            try {
                if (tokenMapping != null) {
                    AttachedMapping.attach(m, TokenMappingFile.read(tokenMapping));
                }
                result = switch (t) {
                    case CLASSIFY -> tuner.classify(m, TrainingTables.readClassification(train),
                        validation == null ? null : TrainingTables.readClassification(validation), progress);
                    case QA -> tuner.questionAnswering(m, readQa(train, err),
                        validation == null ? null : readQa(validation, err), progress);
                    default -> tuner.maskedLm(m, TrainingTables.readTexts(train),
                        validation == null ? null : TrainingTables.readTexts(validation), progress);
                };
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
        }
        try (BertModel trained = result.model()) {
            trained.save(output, saveOptions().withExtraFile(STATISTICS,
                (table(result.epochs()) + "\n").getBytes(StandardCharsets.UTF_8)));
            out.println("options: " + options);
            result.skipped().forEach(s -> out.println("skipped: " + s));
            result.notes().forEach(s -> out.println("note: " + s));
            out.printf("examples: %d training, %d validation%n", result.trainExamples(), result.validationExamples());
            out.println(table(result.epochs()));
            out.println("model saved to " + output.toAbsolutePath() + " (weights of epoch " + result.bestEpoch() + ")");
        }
        return 0;
    }

    static final String STATISTICS = "training_statistics.tsv";

    /**
     * A QA table: SQuAD v1.1 JSON (DRCD and others use the same format) when the file opens a JSON object, else
     * TSV. Questions the JSON reader leaves out are reported on standard error.
     */
    static List<QaExample> readQa(final Path file, final PrintWriter err) throws IOException {
        if (!SquadJson.isJson(file)) {
            return TrainingTables.readQa(file);
        }
        final SquadJson.Contents contents = SquadJson.read(file);
        final List<String> problems = contents.problems();
        if (!problems.isEmpty()) {
            err.println("bertlab: note: " + file + ": " + problems.size() + " question(s) left out:");
            problems.stream().limit(5).forEach(p -> err.println("  " + p));
            if (problems.size() > 5) {
                err.println("  ... and " + (problems.size() - 5) + " more");
            }
        }
        return contents.examples();
    }

    static final List<String> HEADER = List.of("epoch", "steps", "train_loss", "validation_loss", "accuracy",
        "exact_match", "f1", "seconds");

    static String table(final List<EpochStatistics> epochs) {
        final StringBuilder b = new StringBuilder(String.join("\t", HEADER));
        for (final EpochStatistics e : epochs) {
            b.append('\n').append(String.join("\t", String.valueOf(e.epoch()), String.valueOf(e.steps()),
                fmt(e.trainLoss()), fmt(e.validationLoss()), fmt(e.accuracy()), fmt(e.exactMatch()), fmt(e.f1()),
                String.format("%.1f", e.seconds())));
        }
        return b.toString();
    }

    static String fmt(final double v) {
        return Double.isNaN(v) ? "" : String.format("%.4f", v);
    }
}

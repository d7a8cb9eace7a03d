package org.bertlab.core.train;

import org.bertlab.core.qa.QaSettings;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.runtime.DeviceChoice;

/**
 * Every setting of a training run, the one place for defaults and validation, shared by the command line and the
 * node settings. {@link Builder#build()} checks each value and names the option (with its command-line flag) in
 * the message.
 *
 * <p>Defaults follow BERT fine-tuning practice (Devlin et al. 2019; transformers' Trainer): AdamW with weight
 * decay 0.01 on every weight except biases and LayerNorm, 10 % linear warm-up then linear decay to zero, gradient
 * clipping at global norm 1, masking probability 0.15 with the 80/10/10 replacement rule. The default learning
 * rate 5e-5 suits a pre-trained model; a model trained from scratch needs about 1e-3.
 */
public final class FineTuneOptions {

    public static final FineTuneTask DEFAULT_TASK = FineTuneTask.CLASSIFY;
    public static final int DEFAULT_EPOCHS = 3;
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final double DEFAULT_LEARNING_RATE = 5e-5;
    public static final double DEFAULT_WARMUP_FRACTION = 0.1;
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;
    public static final double DEFAULT_GRADIENT_CLIP = 1.0;
    public static final int DEFAULT_MAX_LENGTH = 128;
    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final double DEFAULT_MLM_PROBABILITY = 0.15;
    public static final int DEFAULT_QA_STRIDE = QaSettings.DEFAULT_STRIDE;
    public static final int DEFAULT_MAX_ANSWER_TOKENS = QaSettings.DEFAULT_MAX_ANSWER_TOKENS;
    public static final int DEFAULT_MAX_QUESTION_TOKENS = QaSettings.DEFAULT_MAX_QUESTION_TOKENS;
    public static final int DEFAULT_PRETRAIN_LAYERS = 2;
    public static final int DEFAULT_PRETRAIN_HIDDEN = 64;
    public static final int DEFAULT_PRETRAIN_HEADS = 4;
    /** Largest vocabulary built from pre-training data (whole words, most frequent first). */
    public static final int DEFAULT_PRETRAIN_VOCAB = 30_000;

    private final Builder b;

    private FineTuneOptions(final Builder b) {
        this.b = b.copy();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    public FineTuneTask task() {
        return b.task;
    }

    public int epochs() {
        return b.epochs;
    }

    /** Examples per optimiser step; clamped to the number of training examples (reported in the result notes). */
    public int batchSize() {
        return b.batchSize;
    }

    /** Peak learning rate, reached at the end of warm-up. */
    public double learningRate() {
        return b.learningRate;
    }

    /** Fraction of all steps spent warming the learning rate up linearly from 0; then it decays linearly to 0. */
    public double warmupFraction() {
        return b.warmupFraction;
    }

    /** Decoupled weight decay (AdamW, Loshchilov &amp; Hutter 2019); biases and LayerNorm weights are not decayed. */
    public double weightDecay() {
        return b.weightDecay;
    }

    /** Largest global gradient norm; 0 switches clipping off. */
    public double gradientClip() {
        return b.gradientClip;
    }

    /** Tokens per sequence, special tokens included; 0 keeps the model's tokenizer setting. */
    public int maxLength() {
        return b.maxLength;
    }

    public boolean freezeEmbeddings() {
        return b.freezeEmbeddings;
    }

    /** Number of lowest transformer layers whose weights stay fixed. */
    public int freezeLowestLayers() {
        return b.freezeLowestLayers;
    }

    public long seed() {
        return b.seed;
    }

    /** Share of the training table held out for validation when no validation table is given; 0 = none. */
    public double validationFraction() {
        return b.validationFraction;
    }

    /** Epochs without a lower validation loss before training stops (the best epoch's weights are kept); 0 = off. */
    public int earlyStoppingPatience() {
        return b.earlyStoppingPatience;
    }

    public DeviceChoice device() {
        return b.device;
    }

    public double mlmProbability() {
        return b.mlmProbability;
    }

    /** Weight each class inversely to its frequency (n / (k · count)), as scikit-learn's "balanced". */
    public boolean balanceClasses() {
        return b.balanceClasses;
    }

    /** QA: tokens between the starts of consecutive context windows (run_squad's doc_stride). */
    public int qaStride() {
        return b.qaStride;
    }

    /** QA: longest answer span considered, in tokens. */
    public int maxAnswerTokens() {
        return b.maxAnswerTokens;
    }

    /** QA: questions are cut to this many tokens. */
    public int maxQuestionTokens() {
        return b.maxQuestionTokens;
    }

    /** The size of the model that pre-training from scratch makes (feed-forward width 4 × hidden unless set). */
    public NewModelShape pretrainShape() {
        return new NewModelShape(b.pretrainLayers, b.pretrainHidden, b.pretrainHeads,
            b.pretrainIntermediate == 0 ? 4 * b.pretrainHidden : b.pretrainIntermediate, b.pretrainVocab);
    }

    @Override
    public String toString() {
        return "task=" + b.task + " epochs=" + b.epochs + " batch=" + b.batchSize + " lr=" + b.learningRate
            + " warmup=" + b.warmupFraction + " weightDecay=" + b.weightDecay + " clip=" + b.gradientClip
            + " maxLength=" + b.maxLength + " freezeEmbeddings=" + b.freezeEmbeddings + " freezeLayers="
            + b.freezeLowestLayers + " seed=" + b.seed + " validationFraction=" + b.validationFraction
            + " patience=" + b.earlyStoppingPatience + " device=" + b.device
            + (b.task.isMaskedLm() ? " mlmProbability=" + b.mlmProbability : "")
            + (b.task == FineTuneTask.PRETRAIN ? " " + pretrainShape() : "");
    }

    /** Fluent builder starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private FineTuneTask task = DEFAULT_TASK;
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double warmupFraction = DEFAULT_WARMUP_FRACTION;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private double gradientClip = DEFAULT_GRADIENT_CLIP;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private boolean freezeEmbeddings;
        private int freezeLowestLayers;
        private long seed = DEFAULT_SEED;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private int earlyStoppingPatience;
        private DeviceChoice device = DeviceChoice.CPU;
        private double mlmProbability = DEFAULT_MLM_PROBABILITY;
        private boolean balanceClasses;
        private int qaStride = DEFAULT_QA_STRIDE;
        private int maxAnswerTokens = DEFAULT_MAX_ANSWER_TOKENS;
        private int maxQuestionTokens = DEFAULT_MAX_QUESTION_TOKENS;
        private int pretrainLayers = DEFAULT_PRETRAIN_LAYERS;
        private int pretrainHidden = DEFAULT_PRETRAIN_HIDDEN;
        private int pretrainHeads = DEFAULT_PRETRAIN_HEADS;
        private int pretrainIntermediate;
        private int pretrainVocab = DEFAULT_PRETRAIN_VOCAB;

        private Builder() {
        }

        private Builder copy() {
            final Builder c = new Builder();
            c.task = task;
            c.epochs = epochs;
            c.batchSize = batchSize;
            c.learningRate = learningRate;
            c.warmupFraction = warmupFraction;
            c.weightDecay = weightDecay;
            c.gradientClip = gradientClip;
            c.maxLength = maxLength;
            c.freezeEmbeddings = freezeEmbeddings;
            c.freezeLowestLayers = freezeLowestLayers;
            c.seed = seed;
            c.validationFraction = validationFraction;
            c.earlyStoppingPatience = earlyStoppingPatience;
            c.device = device;
            c.mlmProbability = mlmProbability;
            c.balanceClasses = balanceClasses;
            c.qaStride = qaStride;
            c.maxAnswerTokens = maxAnswerTokens;
            c.maxQuestionTokens = maxQuestionTokens;
            c.pretrainLayers = pretrainLayers;
            c.pretrainHidden = pretrainHidden;
            c.pretrainHeads = pretrainHeads;
            c.pretrainIntermediate = pretrainIntermediate;
            c.pretrainVocab = pretrainVocab;
            return c;
        }

        public Builder task(final FineTuneTask v) {
            task = v;
            return this;
        }

        public Builder task(final String commandLineName) {
            task = FineTuneTask.parse(commandLineName);
            return this;
        }

        public Builder epochs(final int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(final int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(final double v) {
            learningRate = v;
            return this;
        }

        public Builder warmupFraction(final double v) {
            warmupFraction = v;
            return this;
        }

        public Builder weightDecay(final double v) {
            weightDecay = v;
            return this;
        }

        public Builder gradientClip(final double v) {
            gradientClip = v;
            return this;
        }

        public Builder maxLength(final int v) {
            maxLength = v;
            return this;
        }

        public Builder freezeEmbeddings(final boolean v) {
            freezeEmbeddings = v;
            return this;
        }

        public Builder freezeLowestLayers(final int v) {
            freezeLowestLayers = v;
            return this;
        }

        public Builder seed(final long v) {
            seed = v;
            return this;
        }

        public Builder validationFraction(final double v) {
            validationFraction = v;
            return this;
        }

        public Builder earlyStoppingPatience(final int v) {
            earlyStoppingPatience = v;
            return this;
        }

        public Builder device(final DeviceChoice v) {
            device = v;
            return this;
        }

        public Builder mlmProbability(final double v) {
            mlmProbability = v;
            return this;
        }

        public Builder balanceClasses(final boolean v) {
            balanceClasses = v;
            return this;
        }

        public Builder qaStride(final int v) {
            qaStride = v;
            return this;
        }

        public Builder maxAnswerTokens(final int v) {
            maxAnswerTokens = v;
            return this;
        }

        public Builder maxQuestionTokens(final int v) {
            maxQuestionTokens = v;
            return this;
        }

        public Builder pretrainLayers(final int v) {
            pretrainLayers = v;
            return this;
        }

        public Builder pretrainHidden(final int v) {
            pretrainHidden = v;
            return this;
        }

        public Builder pretrainHeads(final int v) {
            pretrainHeads = v;
            return this;
        }

        public Builder pretrainIntermediate(final int v) {
            pretrainIntermediate = v;
            return this;
        }

        public Builder pretrainVocab(final int v) {
            pretrainVocab = v;
            return this;
        }

        /** @throws InvalidOptionException naming the first invalid option and its allowed range */
        public FineTuneOptions build() {
            require(task != null, "task", "must be set");
            require(epochs >= 1, "epochs", "must be at least 1, got " + epochs);
            require(batchSize >= 1, "batch-size", "must be at least 1, got " + batchSize);
            require(learningRate > 0 && Double.isFinite(learningRate), "learning-rate",
                "must be greater than 0, got " + learningRate
                    + "; try 5e-5 for a pre-trained model or 1e-3 for one trained from scratch");
            require(learningRate <= 1, "learning-rate", "must be at most 1, got " + learningRate);
            require(warmupFraction >= 0 && warmupFraction < 1, "warmup",
                "(the warm-up fraction) must be in [0, 1), got " + warmupFraction);
            require(weightDecay >= 0 && weightDecay < 1, "weight-decay", "must be in [0, 1), got " + weightDecay);
            require(gradientClip >= 0 && Double.isFinite(gradientClip), "gradient-clip",
                "must be 0 (off) or positive, got " + gradientClip);
            require(maxLength == 0 || maxLength >= 8, "max-length",
                "must be 0 (the model's) or at least 8, got " + maxLength);
            require(freezeLowestLayers >= 0, "freeze-layers", "must be 0 or positive, got " + freezeLowestLayers);
            require(validationFraction >= 0 && validationFraction < 1, "validation-fraction",
                "must be in [0, 1), got " + validationFraction);
            require(earlyStoppingPatience >= 0, "patience",
                "(early stopping) must be 0 (off) or positive, got " + earlyStoppingPatience);
            require(device != null, "device", "must be set");
            require(mlmProbability > 0 && mlmProbability < 1, "mlm-probability",
                "(masking probability) must be in (0, 1), got " + mlmProbability);
            require(qaStride >= 1, "qa-stride", "must be at least 1, got " + qaStride);
            require(maxAnswerTokens >= 1, "max-answer-tokens", "must be at least 1, got " + maxAnswerTokens);
            require(maxQuestionTokens >= 1, "max-question-tokens", "must be at least 1, got " + maxQuestionTokens);
            require(pretrainLayers >= 1, "layers", "must be at least 1, got " + pretrainLayers);
            require(pretrainHidden >= 1, "hidden", "(hidden size) must be at least 1, got " + pretrainHidden);
            if (pretrainHeads < 1 || pretrainHidden % pretrainHeads != 0) {
                throw new InvalidOptionException("hidden", "{hidden} (hidden size) " + pretrainHidden
                    + " must be a multiple of {heads} (attention heads) " + pretrainHeads, null);
            }
            require(pretrainIntermediate >= 0, "intermediate",
                "(feed-forward size) must be 0 (4 × hidden) or positive, got " + pretrainIntermediate);
            require(pretrainVocab >= 1, "vocab", "(vocabulary size) must be at least 1, got " + pretrainVocab);
            // Checked in long arithmetic: 50000 x 50000 weights overflow an int and no array holds them.
            final long feedForward = pretrainIntermediate == 0 ? 4L * pretrainHidden : pretrainIntermediate;
            require((long)pretrainHidden * Math.max(pretrainHidden, feedForward) <= Integer.MAX_VALUE - 8, "hidden",
                "(hidden size) " + pretrainHidden + " with feed-forward size " + feedForward + " makes a "
                    + "weight matrix of " + (long)pretrainHidden * Math.max(pretrainHidden, feedForward)
                    + " values, more than one array holds; BERT-large uses 1024");
            return new FineTuneOptions(this);
        }

        private static void require(final boolean ok, final String option, final String problem) {
            InvalidOptionException.require(ok, option, problem);
        }
    }
}

package org.bertlab.knime.nodes.finetune;

import java.util.Arrays;

import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneTask;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.SettingsBase;
import org.bertlab.knime.util.Tables;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the Fine-Tune node; the engine's {@link FineTuneOptions} validates. */
final class FineTuneSettings extends SettingsBase {

    static final String KEY_TASK = "task";
    static final String LABEL_TASK = "Task";

    static final String KEY_TEXT = "text_column";
    static final String LABEL_TEXT = "Text column (question for QA)";

    static final String KEY_PAIR = "pair_column";
    static final String LABEL_PAIR = "Second text column (context for QA)";

    static final String KEY_LABEL = "label_column";
    static final String LABEL_LABEL = "Label column (answer text for QA)";

    static final String KEY_ANSWER_START = "answer_start_column";
    static final String LABEL_ANSWER_START = "Answer start column (QA)";

    static final String KEY_EPOCHS = "epochs";
    static final String LABEL_EPOCHS = "Epochs";

    static final String KEY_BATCH = "batch_size";
    static final String LABEL_BATCH = "Batch size";

    static final String KEY_LR = "learning_rate";
    static final String LABEL_LR = "Learning rate";

    static final String KEY_MAX_LENGTH = "max_length";
    static final String LABEL_MAX_LENGTH = "Maximum length";

    static final String KEY_VALIDATION = "validation_fraction";
    static final String LABEL_VALIDATION = "Validation fraction (without a validation table)";

    static final String KEY_FREEZE = "freeze_embeddings";
    static final String LABEL_FREEZE = "Freeze embeddings";

    static final String KEY_SEED = "seed";
    static final String LABEL_SEED = "Random seed";

    static final String KEY_LAYERS = "pretrain_layers";
    static final String LABEL_LAYERS = "Pre-training: layers";

    static final String KEY_HIDDEN = "pretrain_hidden";
    static final String LABEL_HIDDEN = "Pre-training: hidden size";

    static final String KEY_HEADS = "pretrain_heads";
    static final String LABEL_HEADS = "Pre-training: attention heads";

    static final String KEY_VOCAB = "pretrain_vocab";
    static final String LABEL_VOCAB = "Pre-training: vocabulary size";

    static final String[] TASKS = Arrays.stream(FineTuneTask.values()).map(FineTuneTask::commandLineName)
        .toArray(String[]::new);

    final SettingsModelString m_task =
        register(new SettingsModelString(KEY_TASK, FineTuneOptions.DEFAULT_TASK.commandLineName()), "task", LABEL_TASK);
    final SettingsModelString m_text = register(new SettingsModelString(KEY_TEXT, ""));
    final SettingsModelString m_pair = register(new SettingsModelString(KEY_PAIR, null));
    final SettingsModelString m_label = register(new SettingsModelString(KEY_LABEL, null));
    final SettingsModelString m_answerStart = register(new SettingsModelString(KEY_ANSWER_START, null));
    final SettingsModelIntegerBounded m_epochs =
        register(new SettingsModelIntegerBounded(KEY_EPOCHS, FineTuneOptions.DEFAULT_EPOCHS, 1, 10_000),
            "epochs", LABEL_EPOCHS);
    final SettingsModelIntegerBounded m_batch =
        register(new SettingsModelIntegerBounded(KEY_BATCH, FineTuneOptions.DEFAULT_BATCH_SIZE, 1, 4096),
            "batch-size", LABEL_BATCH);
    final SettingsModelDoubleBounded m_lr =
        register(new SettingsModelDoubleBounded(KEY_LR, FineTuneOptions.DEFAULT_LEARNING_RATE, 0, 1),
            "learning-rate", LABEL_LR);
    final SettingsModelIntegerBounded m_maxLength =
        register(new SettingsModelIntegerBounded(KEY_MAX_LENGTH, FineTuneOptions.DEFAULT_MAX_LENGTH, 8, 100_000),
            "max-length", LABEL_MAX_LENGTH);
    final SettingsModelDoubleBounded m_validation =
        register(new SettingsModelDoubleBounded(KEY_VALIDATION, FineTuneOptions.DEFAULT_VALIDATION_FRACTION, 0, 0.9),
            "validation-fraction", LABEL_VALIDATION);
    final SettingsModelBoolean m_freeze = register(new SettingsModelBoolean(KEY_FREEZE, false),
            "freeze-embeddings", LABEL_FREEZE);
    final SettingsModelLong m_seed = register(new SettingsModelLong(KEY_SEED, FineTuneOptions.DEFAULT_SEED),
            "seed", LABEL_SEED);
    final SettingsModelIntegerBounded m_layers =
        register(new SettingsModelIntegerBounded(KEY_LAYERS, FineTuneOptions.DEFAULT_PRETRAIN_LAYERS, 1, 48),
            "layers", LABEL_LAYERS);
    final SettingsModelIntegerBounded m_hidden =
        register(new SettingsModelIntegerBounded(KEY_HIDDEN, FineTuneOptions.DEFAULT_PRETRAIN_HIDDEN, 8, 4096),
            "hidden", LABEL_HIDDEN);
    final SettingsModelIntegerBounded m_heads =
        register(new SettingsModelIntegerBounded(KEY_HEADS, FineTuneOptions.DEFAULT_PRETRAIN_HEADS, 1, 64),
            "heads", LABEL_HEADS);
    final SettingsModelIntegerBounded m_vocab =
        register(new SettingsModelIntegerBounded(KEY_VOCAB, FineTuneOptions.DEFAULT_PRETRAIN_VOCAB, 10, 1_000_000),
            "vocab", LABEL_VOCAB);

    /** Where the node runs the model: "as the model" (its input port's device) or its own. */
    final DeviceSettings m_run = registerDevice();

    @Override
    protected SettingsBase fresh() {
        return new FineTuneSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        requireParsable(LABEL_TASK, this::task);
        final FineTuneTask task = task();
        if (task == FineTuneTask.CLASSIFY && isNone(m_label)) {
            throw invalid(LABEL_LABEL, "classification needs a label column");
        }
        if (task == FineTuneTask.QA && (isNone(m_pair) || isNone(m_label) || isNone(m_answerStart))) {
            throw invalid(LABEL_ANSWER_START, "extractive QA needs question, context, answer text and answer start");
        }
        if (m_hidden.getIntValue() % m_heads.getIntValue() != 0) {
            throw invalid(LABEL_HIDDEN, "must be a multiple of \"" + LABEL_HEADS + "\"");
        }
        requireParsable(LABEL_TASK, this::options);
    }

    static boolean isNone(final SettingsModelString column) {
        return Tables.isNone(column.getStringValue());
    }

    FineTuneTask task() {
        return FineTuneTask.parse(m_task.getStringValue());
    }

    FineTuneOptions options() {
        return FineTuneOptions.builder().task(m_task.getStringValue()).epochs(m_epochs.getIntValue())
            .batchSize(m_batch.getIntValue()).learningRate(m_lr.getDoubleValue()).maxLength(m_maxLength.getIntValue())
            .validationFraction(m_validation.getDoubleValue()).freezeEmbeddings(m_freeze.getBooleanValue())
            .seed(m_seed.getLongValue()).pretrainLayers(m_layers.getIntValue()).pretrainHidden(m_hidden.getIntValue())
            .pretrainHeads(m_heads.getIntValue()).pretrainIntermediate(4 * m_hidden.getIntValue())
            .pretrainVocab(m_vocab.getIntValue()).build();
    }
}

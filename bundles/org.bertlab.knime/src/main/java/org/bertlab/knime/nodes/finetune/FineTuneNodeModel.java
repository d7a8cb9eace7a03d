package org.bertlab.knime.nodes.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.train.ClassificationExample;
import org.bertlab.core.train.EpochStatistics;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneResult;
import org.bertlab.core.train.FineTuneTask;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.Pretrainer;
import org.bertlab.core.train.QaExample;
import org.bertlab.core.train.TextExample;
import org.bertlab.core.train.TrainingProgress;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.EngineProgress;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Runs {@link FineTuner} on a copy of the input model (training changes a model in place, and the input port's
 * model may feed other nodes), or pre-trains a new BERT; outputs the model and one statistics row per epoch.
 */
final class FineTuneNodeModel extends BertNodeModel<FineTuneSettings> {

    static final DataTableSpec STATISTICS = new DataTableSpec(
        new DataColumnSpecCreator("epoch", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("steps", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("train loss", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("validation loss", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("accuracy", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("exact match", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("F1", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("seconds", DoubleCell.TYPE).createSpec());

    FineTuneNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE_OPTIONAL, BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE}, new FineTuneSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.check();
        final FineTuneTask task = m_settings.task();
        final BertModelPortObjectSpec input = inSpecs[0] == null ? null : ModelSpecs.require(inSpecs[0]);
        // The model port is optional: with no spec it is either not connected (an error unless pre-training) or
        // connected to a node that cannot tell its model yet (then neither can this node).
        if (task != FineTuneTask.PRETRAIN && input == null && !ModelSpecs.isConnected(0)) {
            throw new InvalidSettingsException("\"" + FineTuneSettings.LABEL_TASK + "\": " + task.commandLineName()
                + " fine-tunes a model: connect one to the model port, or choose pretrain");
        }
        checkColumns((DataTableSpec)inSpecs[1], task);
        if (inSpecs[2] != null) {
            checkColumns((DataTableSpec)inSpecs[2], task);
        }
        return new PortObjectSpec[]{modelSpec(task, input), STATISTICS};
    }

    /**
     * The output model's spec before training: the input model's sizes (pre-training: the size settings, with the
     * vocabulary size an upper bound until the data is read), saved as the task's architecture; null while the
     * input model's spec is unknown.
     */
    private BertModelPortObjectSpec modelSpec(final FineTuneTask task, final BertModelPortObjectSpec input) {
        final String architecture = switch (task) {
            case CLASSIFY -> "BertForSequenceClassification";
            case QA -> "BertForQuestionAnswering";
            default -> "BertForMaskedLM";
        };
        if (task == FineTuneTask.PRETRAIN) {
            final int hidden = m_settings.m_hidden.getIntValue();
            final BertConfig config = BertConfig.of(m_settings.m_vocab.getIntValue(), hidden,
                m_settings.m_layers.getIntValue(), m_settings.m_heads.getIntValue(), 4 * hidden,
                m_settings.m_maxLength.getIntValue());
            return ModelSpecs.of(config, "pre-trained by Fine-Tune").beforeTraining(architecture);
        }
        return input == null ? null : input.beforeTraining(architecture);
    }

    private void checkColumns(final DataTableSpec spec, final FineTuneTask task) throws InvalidSettingsException {
        Tables.stringColumn(spec, m_settings.m_text.getStringValue(), FineTuneSettings.LABEL_TEXT);
        if (task == FineTuneTask.CLASSIFY) {
            Tables.optionalStringColumn(spec, m_settings.m_pair.getStringValue(), FineTuneSettings.LABEL_PAIR);
            // any type: a label's text is its value (numbers as classes too)
            Tables.column(spec, m_settings.m_label.getStringValue(), FineTuneSettings.LABEL_LABEL);
        }
        if (task == FineTuneTask.QA) {
            Tables.stringColumn(spec, m_settings.m_label.getStringValue(), FineTuneSettings.LABEL_LABEL);
            Tables.stringColumn(spec, m_settings.m_pair.getStringValue(), FineTuneSettings.LABEL_PAIR);
            final int start =
                Tables.column(spec, m_settings.m_answerStart.getStringValue(), FineTuneSettings.LABEL_ANSWER_START);
            if (!spec.getColumnSpec(start).getType().isCompatible(IntValue.class)) {
                throw new InvalidSettingsException("\"" + FineTuneSettings.LABEL_ANSWER_START + "\": column \""
                    + m_settings.m_answerStart.getStringValue() + "\" holds " + spec.getColumnSpec(start).getType()
                    + ", not whole numbers (the answer's character offset in the context)");
            }
        }
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final String smaller = "a smaller \"" + FineTuneSettings.LABEL_BATCH + "\" or \""
            + FineTuneSettings.LABEL_MAX_LENGTH + "\", or a smaller model";
        return run("training the model", smaller, () -> executeNode(in, exec));
    }

    private PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final FineTuneTask task = m_settings.task();
        final FineTuneOptions options = m_settings.options();
        // the model trains where its input port says it runs; a new model where the preference says
        final LoadOptions runtime = m_settings.m_run.applyTo(in[0] == null
            ? LoadOptions.DEFAULT.withDevice(BertPreferences.defaultDevice())
            : ((BertModelPortObject)in[0]).loadOptions());
        final FineTuner tuner = new FineTuner(options.toBuilder().device(runtime.device()).build());
        final BufferedDataTable train = (BufferedDataTable)in[1];
        final BufferedDataTable validation = (BufferedDataTable)in[2];
        final long[] skipped = {0};
        final Progress progress = new Progress(exec);
        final FineTuneResult result;
        try {
            result = train(task, tuner, in[0], train, validation, skipped, progress);
        } catch (CancellationException e) {
            exec.checkCanceled();
            throw new CanceledExecutionException(e.getMessage());
        }
        final BufferedDataTable statistics;
        try {
            statistics = statistics(exec, result);
        } catch (RuntimeException e) {
            result.model().close();
            throw e;
        }
        final List<String> warnings = new ArrayList<>(result.skipped());
        final String missing = Tables.missingWarning(skipped[0], "cells");
        if (missing != null) {
            warnings.add(0, missing);
        }
        if (!warnings.isEmpty()) {
            warn(String.join("; ", warnings));
        }
        return new PortObject[]{modelPort(exec, result.model(), runtime), statistics};
    }

    /**
     * Trains a copy of the input's model (the input may feed other nodes too), or a new model; a model made here
     * and not returned, because reading the tables or training failed or was cancelled, is closed at once rather than
     * left to hold its native memory.
     */
    private FineTuneResult train(final FineTuneTask task, final FineTuner tuner, final PortObject input,
        final BufferedDataTable train, final BufferedDataTable validation, final long[] skipped,
        final Progress progress) throws Exception {
        if (task == FineTuneTask.PRETRAIN) {
            return new Pretrainer(tuner.options()).pretrain(texts(train, skipped),
                validation == null ? null : texts(validation, skipped), progress);
        }
        // A copy: the input port's model may feed other nodes too.
        final TrainableModel model = TrainableModel.copyOf(model(input, m_settings.m_run));
        try {
            final FineTuneResult result = switch (task) {
                case CLASSIFY -> tuner.classify(model, classification(train, skipped),
                    validation == null ? null : classification(validation, skipped), progress);
                case QA -> tuner.questionAnswering(model, qa(train, skipped),
                    validation == null ? null : qa(validation, skipped), progress);
                default -> tuner.maskedLm(model, texts(train, skipped),
                    validation == null ? null : texts(validation, skipped), progress);
            };
            model.release();
            return result;
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private static BufferedDataTable statistics(final ExecutionContext exec, final FineTuneResult result) {
        final BufferedDataContainer stats = exec.createDataContainer(STATISTICS);
        long r = 0;
        for (final EpochStatistics e : result.epochs()) {
            stats.addRowToTable(new DefaultRow(RowKey.createRowKey(r++), new IntCell(e.epoch()), new IntCell(e.steps()),
                new DoubleCell(e.trainLoss()), new DoubleCell(e.validationLoss()), new DoubleCell(e.accuracy()),
                new DoubleCell(e.exactMatch()), new DoubleCell(e.f1()), new DoubleCell(e.seconds())));
        }
        stats.close();
        return stats.getTable();
    }

    private String text(final DataRow row, final DataTableSpec spec, final String column) {
        final int i = spec.findColumnIndex(column);
        final DataCell cell = i < 0 ? null : row.getCell(i);
        return cell == null || cell.isMissing() ? null
            : cell instanceof StringValue s ? s.getStringValue() : cell.toString();
    }

    private List<ClassificationExample> classification(final BufferedDataTable table, final long[] skipped) {
        final DataTableSpec spec = table.getDataTableSpec();
        final List<ClassificationExample> rows = new ArrayList<>();
        for (final DataRow row : table) {
            final String text = text(row, spec, m_settings.m_text.getStringValue());
            final String label = text(row, spec, m_settings.m_label.getStringValue());
            if (text == null || label == null) {
                skipped[0]++;
            } else {
                rows.add(new ClassificationExample(text, FineTuneSettings.isNone(m_settings.m_pair) ? null
                    : text(row, spec, m_settings.m_pair.getStringValue()), label));
            }
        }
        return rows;
    }

    private List<QaExample> qa(final BufferedDataTable table, final long[] skipped) {
        final DataTableSpec spec = table.getDataTableSpec();
        final int start = spec.findColumnIndex(m_settings.m_answerStart.getStringValue());
        final List<QaExample> rows = new ArrayList<>();
        for (final DataRow row : table) {
            final String question = text(row, spec, m_settings.m_text.getStringValue());
            final String context = text(row, spec, m_settings.m_pair.getStringValue());
            final String answer = text(row, spec, m_settings.m_label.getStringValue());
            if (question == null || context == null || answer == null || row.getCell(start).isMissing()) {
                skipped[0]++;
            } else {
                rows.add(new QaExample(question, context, answer, ((IntValue)row.getCell(start)).getIntValue()));
            }
        }
        return rows;
    }

    private List<TextExample> texts(final BufferedDataTable table, final long[] skipped) {
        final DataTableSpec spec = table.getDataTableSpec();
        final List<TextExample> rows = new ArrayList<>();
        for (final DataRow row : table) {
            final String text = text(row, spec, m_settings.m_text.getStringValue());
            if (text == null) {
                skipped[0]++;
            } else {
                rows.add(new TextExample(text));
            }
        }
        return rows;
    }

    /** Training progress per optimiser step; cancel takes effect before the next step. */
    private static final class Progress implements TrainingProgress {
        private final ExecutionContext m_exec;

        private final EngineProgress m_cancel;

        Progress(final ExecutionContext exec) {
            m_exec = exec;
            m_cancel = new EngineProgress(exec, 0, "steps");
        }

        @Override
        public void step(final int epoch, final int step, final int totalSteps, final double loss,
            final double learningRate) {
            m_exec.setProgress(totalSteps == 0 ? 0 : step / (double)totalSteps,
                () -> String.format("epoch %d, step %d of %d, loss %.4f", epoch, step, totalSteps, loss));
        }

        @Override
        public void checkCancelled() {
            m_cancel.checkCancelled();
        }
    }
}

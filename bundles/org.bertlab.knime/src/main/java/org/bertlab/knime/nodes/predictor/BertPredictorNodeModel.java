package org.bertlab.knime.nodes.predictor;

import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.predict.AnswerPrediction;
import org.bertlab.core.predict.ClassPrediction;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.predict.Predictor;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.RowWiseBertNodeModel;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.streamable.BufferedDataTableRowOutput;
import org.knime.core.node.streamable.DataTableRowInput;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.PortInput;
import org.knime.core.node.streamable.PortObjectInput;
import org.knime.core.node.streamable.PortOutput;
import org.knime.core.node.streamable.RowInput;
import org.knime.core.node.streamable.RowOutput;
import org.knime.core.node.streamable.StreamableOperator;

/**
 * Appends {@link Predictor}'s class label and score, or answer span and score, to every input row; rows with a
 * missing text get missing predictions and are counted in a warning. Batches of rows go to the engine together.
 */
final class BertPredictorNodeModel extends RowWiseBertNodeModel<BertPredictorSettings> {

    private static final String SMALLER = "a smaller \"" + BertPredictorSettings.LABEL_BATCH + "\"";

    BertPredictorNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE}, new PortType[]{BufferedDataTable.TYPE},
            new BertPredictorSettings());
    }

    private DataColumnSpec[] appended(final DataTableSpec in) {
        final List<DataColumnSpec> columns = new ArrayList<>();
        final DataTableSpec[] sofar = {in};
        final java.util.function.BiConsumer<String, DataType> add = (name, type) -> {
            final DataColumnSpec c =
                new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(sofar[0], name), type).createSpec();
            columns.add(c);
            sofar[0] = new DataTableSpec(sofar[0], new DataTableSpec(c));
        };
        if (m_settings.answers()) {
            add.accept("answer", StringCell.TYPE);
            add.accept("answer start", IntCell.TYPE);
            add.accept("answer end", IntCell.TYPE);
            add.accept("score", DoubleCell.TYPE);
        } else {
            add.accept("prediction", StringCell.TYPE);
            add.accept("score", DoubleCell.TYPE);
        }
        return columns.toArray(DataColumnSpec[]::new);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.check();
        if (inSpecs[0] != null) {
            final BertModelPortObjectSpec model = ModelSpecs.require(inSpecs[0]);
            if (model.isWeightsRead()) {
                final boolean ok = m_settings.answers() ? model.getHeads().contains("question-answering")
                    : model.getHeads().stream().anyMatch(h -> h.startsWith("classifier"));
                if (!ok) {
                    throw new InvalidSettingsException("\"" + BertPredictorSettings.LABEL_MODE + "\": the model has no "
                        + (m_settings.answers() ? "question-answering" : "classification") + " head; fine-tune it first");
                }
            }
        }
        final DataTableSpec table = (DataTableSpec)inSpecs[1];
        Tables.stringColumn(table, m_settings.m_text.getStringValue(), BertPredictorSettings.LABEL_TEXT);
        Tables.optionalStringColumn(table, m_settings.m_pair.getStringValue(), BertPredictorSettings.LABEL_PAIR);
        return new PortObjectSpec[]{new DataTableSpec(table, new DataTableSpec(appended(table)))};
    }

    @Override
    protected String work() {
        return "predicting";
    }

    @Override
    protected String smaller() {
        return SMALLER;
    }

    @Override
    protected DeviceSettings device() {
        return m_settings.m_run;
    }

    @Override
    protected DataTableSpec outputSpec(final BertModel model, final DataTableSpec in) {
        return new DataTableSpec(in, new DataTableSpec(appended(in)));
    }

    @Override
    protected void process(final BertModel model, final RowInput in, final RowOutput out, final long total,
        final ExecutionContext exec) throws Exception {
        predict(model, in, out, total, exec);
    }

    /**
     * Predicts every row of {@code in} onto {@code out} (the one path of execute and streaming).
     *
     * @param total the number of rows if known (for progress as a fraction), else -1
     */
    private Void predict(final BertModel model, final RowInput in, final RowOutput out, final long total,
        final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final Predictor predictor = new Predictor(model, m_settings.m_batch.getIntValue());
        final DataTableSpec spec = in.getDataTableSpec();
        final int text =
            Tables.stringColumn(spec, m_settings.m_text.getStringValue(), BertPredictorSettings.LABEL_TEXT);
        final int pair =
            Tables.optionalStringColumn(spec, m_settings.m_pair.getStringValue(), BertPredictorSettings.LABEL_PAIR);
        final int width = m_settings.answers() ? 4 : 2;
        final int batch = m_settings.m_batch.getIntValue();
        final List<DataRow> pending = new ArrayList<>();
        long done = 0;
        long skipped = 0;
        for (DataRow row = in.poll(); row != null; row = in.poll()) {
            pending.add(row);
            if (pending.size() == batch) {
                skipped += flush(predictor, pending, text, pair, width, out);
                done += pending.size();
                pending.clear();
                exec.checkCanceled();
                final long d = done;
                if (total > 0) {
                    exec.setProgress(d / (double)total, () -> d + " of " + total + " rows");
                } else {
                    exec.setMessage(() -> d + " rows");
                }
            }
        }
        skipped += flush(predictor, pending, text, pair, width, out);
        in.close();
        out.close();
        final String warning = Tables.missingWarning(skipped, "text");
        if (warning != null) {
            warn(warning);
        }
        return null;
    }

    /** Predicts the rows that have text, writes every row; returns the number of rows without text. */
    private long flush(final Predictor predictor, final List<DataRow> rows, final int text, final int pair,
        final int width, final RowOutput out) throws InterruptedException {
        final List<String> texts = new ArrayList<>();
        final List<String> pairs = new ArrayList<>();
        for (final DataRow row : rows) {
            if (usable(row, text, pair)) {
                texts.add(((StringValue)row.getCell(text)).getStringValue());
                pairs.add(pair < 0 || row.getCell(pair).isMissing() ? null
                    : ((StringValue)row.getCell(pair)).getStringValue());
            }
        }
        final List<DataCell[]> predictions = new ArrayList<>();
        if (!texts.isEmpty()) {
            if (m_settings.answers()) {
                for (final AnswerPrediction a : predictor.answer(texts, pairs)) {
                    predictions.add(new DataCell[]{new StringCell(a.answer()), new IntCell(a.start()),
                        new IntCell(a.end()), new DoubleCell(a.score())});
                }
            } else {
                for (final ClassPrediction c : predictor.classify(texts, pair < 0 ? null : pairs)) {
                    predictions.add(new DataCell[]{new StringCell(c.label()), new DoubleCell(c.score())});
                }
            }
        }
        long skipped = 0;
        int next = 0;
        for (final DataRow row : rows) {
            final List<DataCell> cells = new ArrayList<>();
            row.forEach(cells::add);
            if (usable(row, text, pair)) {
                cells.addAll(List.of(predictions.get(next++)));
            } else {
                skipped++;
                for (int i = 0; i < width; i++) {
                    cells.add(DataType.getMissingCell());
                }
            }
            out.push(new DefaultRow(row.getKey(), cells));
        }
        return skipped;
    }

    private boolean usable(final DataRow row, final int text, final int pair) {
        return !row.getCell(text).isMissing() && !(m_settings.answers() && row.getCell(pair).isMissing());
    }
}

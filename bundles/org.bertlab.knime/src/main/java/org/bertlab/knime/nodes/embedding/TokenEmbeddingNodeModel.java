package org.bertlab.knime.nodes.embedding;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.PooledVectors;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TextInput;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.model.BertModel;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.RowWiseBertNodeModel;
import org.bertlab.knime.util.EngineProgress;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
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
 * Streams the text column through {@link TokenEmbedder} in batches. Pooled output keeps the input rows, keys and
 * columns and appends one list column per layer (missing cells where a row has no text); per-token output has one
 * row per token, keyed {@code <input key>#<token position>}, with the input row's key as a column to join back on.
 * The output columns follow from the model spec, the layers and the output choice, so configure returns them.
 */
final class TokenEmbeddingNodeModel extends RowWiseBertNodeModel<TokenEmbeddingSettings> {

    /** Per-token output: the key of the input row the token came from. */
    static final String SOURCE_ROW_COLUMN = "source row ID";

    private static final String SMALLER = "a smaller \"" + TokenEmbeddingSettings.LABEL_BATCH + "\" or fewer \""
        + TokenEmbeddingSettings.LABEL_LAYERS + "\"";

    TokenEmbeddingNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE}, new PortType[]{BufferedDataTable.TYPE},
            new TokenEmbeddingSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        final BertModelPortObjectSpec model = inSpecs[0] == null ? null : ModelSpecs.require(inSpecs[0]);
        final DataTableSpec table = (DataTableSpec)inSpecs[1];
        Tables.stringColumn(table, m_settings.m_text.getStringValue(), TokenEmbeddingSettings.LABEL_TEXT);
        Tables.optionalStringColumn(table, m_settings.m_pair.getStringValue(), TokenEmbeddingSettings.LABEL_PAIR);
        m_settings.check();
        if (model == null) {
            // no model spec yet (its node is not configured): the layer columns are not known
            return new PortObjectSpec[]{null};
        }
        return new PortObjectSpec[]{outputSpec(table, m_settings.layers(model.getLayers()))};
    }

    /** The output table's spec for the input spec and the resolved layers. */
    DataTableSpec outputSpec(final DataTableSpec inSpec, final int[] layers) {
        return m_settings.pooling() == Pooling.NONE ? tokenSpec(layers) : pooledSpec(inSpec, layers);
    }

    @Override
    protected String work() {
        return "embedding the texts";
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
    protected DataTableSpec outputSpec(final BertModel model, final DataTableSpec in) throws InvalidSettingsException {
        return outputSpec(in, m_settings.layers(model.config().numLayers()));
    }

    @Override
    protected void process(final BertModel model, final RowInput in, final RowOutput out, final long total,
        final ExecutionContext exec) throws Exception {
        embed(model, in, out, total, exec);
    }

    /**
     * Embeds every row of {@code in} onto {@code out}: the one path of execute and streaming.
     *
     * @param total the number of rows if known (progress as a fraction), else -1
     */
    private Void embed(final BertModel model, final RowInput in, final RowOutput out, final long total,
        final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final DataTableSpec inSpec = in.getDataTableSpec();
        final int textCol =
            Tables.stringColumn(inSpec, m_settings.m_text.getStringValue(), TokenEmbeddingSettings.LABEL_TEXT);
        final int pairCol =
            Tables.optionalStringColumn(inSpec, m_settings.m_pair.getStringValue(), TokenEmbeddingSettings.LABEL_PAIR);
        final Pooling pooling = m_settings.pooling();
        final EmbeddingOptions options = EmbeddingOptions.builder()
            .layers(m_settings.layers(model.config().numLayers()))
            .pooling(pooling).batchSize(m_settings.m_batch.getIntValue())
            .includeSpecialTokens(m_settings.m_special.getBooleanValue()).build();
        final TokenEmbedder embedder = new TokenEmbedder(model, options);
        final int[] layers = embedder.layers();

        // Rows stream through: the engine reads a window ahead and hands results back in input order, so the rows
        // waiting for their vectors are the queue's head. Rows without text wait in the queue too, so pooled output
        // keeps them in their place (with missing vectors); per-token output has no tokens for them.
        final Deque<DataRow> pending = new ArrayDeque<>();
        final long[] withoutText = {0};
        final Consumer<DataRow> noText = row -> {
            withoutText[0]++;
            if (pooling != Pooling.NONE) {
                push(out, pooledRow(row, null, layers.length));
            }
        };
        final Iterator<TextInput> inputs = new Iterator<>() {
            private DataRow m_next = advance();

            private DataRow advance() {
                for (DataRow row = poll(in); row != null; row = poll(in)) {
                    pending.add(row);
                    if (!row.getCell(textCol).isMissing()) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return m_next != null;
            }

            @Override
            public TextInput next() {
                final DataRow row = m_next;
                m_next = advance();
                return new TextInput(((StringValue)row.getCell(textCol)).getStringValue(),
                    pairCol < 0 || row.getCell(pairCol).isMissing() ? null
                        : ((StringValue)row.getCell(pairCol)).getStringValue());
            }
        };
        final EngineProgress progress = new EngineProgress(exec, Math.max(0, total), "texts");
        EngineProgress.call(exec, () -> {
            if (pooling == Pooling.NONE) {
                embedder.embedTokens(inputs, v -> {
                    final DataRow row = nextWithText(pending, textCol, noText);
                    final DataCell source = new StringCell(row.getKey().getString());
                    for (int t = 0; t < v.tokenCount(); t++) {
                        final int position = v.tokenIndices()[t];
                        final List<DataCell> cells = new ArrayList<>();
                        cells.add(source);
                        cells.add(new StringCell(v.encoding().tokens()[position]));
                        cells.add(new IntCell(position));
                        for (int l = 0; l < layers.length; l++) {
                            cells.add(vector(v.vectors()[l][t]));
                        }
                        push(out, new DefaultRow(new RowKey(row.getKey().getString() + "#" + position), cells));
                    }
                }, progress);
            } else {
                embedder.embedPooled(inputs,
                    v -> push(out, pooledRow(nextWithText(pending, textCol, noText), v, layers.length)),
                    progress);
            }
            return null;
        });
        // rows without text after the last text
        pending.forEach(noText);
        in.close();
        out.close();
        if (withoutText[0] > 0) {
            warn(pooling == Pooling.NONE ? Tables.missingWarning(withoutText[0], "text")
                : withoutText[0] + " row(s) without text: their vectors are missing cells");
        }
        return null;
    }

    /** The next input row, or null at the end; an interrupted wait (the stream was stopped) cancels. */
    private static DataRow poll(final RowInput in) {
        try {
            return in.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Execution cancelled");
        }
    }

    /** Pushes an output row; an interrupted wait (the stream was stopped) cancels. */
    private static void push(final RowOutput out, final DataRow row) {
        try {
            out.push(row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Execution cancelled");
        }
    }

    /** The next row that has a text, after passing every row without text before it to {@code noText}. */
    private static DataRow nextWithText(final Deque<DataRow> pending, final int textCol,
        final Consumer<DataRow> noText) {
        while (pending.peek().getCell(textCol).isMissing()) {
            noText.accept(pending.poll());
        }
        return pending.poll();
    }

    /** The input row with its vectors appended, or missing cells where it had no text ({@code vectors} null). */
    private static DataRow pooledRow(final DataRow row, final PooledVectors vectors, final int layerCount) {
        final List<DataCell> cells = new ArrayList<>();
        row.forEach(cells::add);
        for (int l = 0; l < layerCount; l++) {
            cells.add(vectors == null ? DataType.getMissingCell() : vector(vectors.vectors()[l]));
        }
        return new DefaultRow(row.getKey(), cells);
    }

    static DataTableSpec tokenSpec(final int[] layers) {
        final DataTableSpec spec = new DataTableSpec(
            new DataColumnSpecCreator(SOURCE_ROW_COLUMN, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("token", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("position", IntCell.TYPE).createSpec());
        return withLayerColumns(spec, layers);
    }

    static DataTableSpec pooledSpec(final DataTableSpec inSpec, final int[] layers) {
        return withLayerColumns(inSpec, layers);
    }

    /**
     * The spec with one list column per layer appended, each named "layer N" unless the table has that name already
     * (a second Token Embedding on the first one's output, e.g. to compare two models): then KNIME's unique name.
     */
    private static DataTableSpec withLayerColumns(final DataTableSpec spec, final int[] layers) {
        DataTableSpec result = spec;
        for (final int layer : layers) {
            final String name = DataTableSpec.getUniqueColumnName(result, "layer " + layer);
            result = new DataTableSpec(result, new DataTableSpec(
                new DataColumnSpecCreator(name, ListCell.getCollectionType(DoubleCell.TYPE)).createSpec()));
        }
        return result;
    }

    static DataCell vector(final float[] values) {
        final List<DataCell> cells = new ArrayList<>(values.length);
        for (final float v : values) {
            cells.add(new DoubleCell(v));
        }
        return CollectionCellFactory.createListCell(cells);
    }
}

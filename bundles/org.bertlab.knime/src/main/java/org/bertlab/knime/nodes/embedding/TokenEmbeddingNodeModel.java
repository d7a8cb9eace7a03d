package org.bertlab.knime.nodes.embedding;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TextInput;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.model.BertModel;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.OutOfMemory;
import org.bertlab.knime.util.EngineProgress;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Streams the text column through {@link TokenEmbedder} in batches. Pooled output keeps the input row keys and
 * columns and appends one list column per layer; per-token output has one row per token, keyed
 * {@code <input key>#<token position>}.
 */
final class TokenEmbeddingNodeModel extends BertNodeModel<TokenEmbeddingSettings> {

    TokenEmbeddingNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE}, new PortType[]{BufferedDataTable.TYPE},
            new TokenEmbeddingSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        if (inSpecs[0] != null) {
            ModelSpecs.require(inSpecs[0]);
        }
        final DataTableSpec table = (DataTableSpec)inSpecs[1];
        Tables.column(table, m_settings.m_text.getStringValue(), TokenEmbeddingSettings.LABEL_TEXT);
        Tables.optionalColumn(table, m_settings.m_pair.getStringValue(), TokenEmbeddingSettings.LABEL_PAIR);
        m_settings.check();
        // the layer count may be unknown before the model is loaded
        return new PortObjectSpec[]{null};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final String smaller = "a smaller \"" + TokenEmbeddingSettings.LABEL_BATCH + "\" or fewer \""
            + TokenEmbeddingSettings.LABEL_LAYERS + "\"";
        return OutOfMemory.guard("embedding the texts", smaller, () -> executeNode(in, exec));
    }

    private PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final BertModel model = model(in[0], m_settings.m_run);
        final BufferedDataTable table = (BufferedDataTable)in[1];
        final DataTableSpec inSpec = table.getDataTableSpec();
        final int textCol = Tables.column(inSpec, m_settings.m_text.getStringValue(), TokenEmbeddingSettings.LABEL_TEXT);
        final int pairCol =
            Tables.optionalColumn(inSpec, m_settings.m_pair.getStringValue(), TokenEmbeddingSettings.LABEL_PAIR);
        final Pooling pooling = m_settings.pooling();
        final EmbeddingOptions options = EmbeddingOptions.builder()
            .layers(LayerSelection.parse(m_settings.m_layers.getStringValue(), model.config().numLayers()))
            .pooling(pooling).batchSize(m_settings.m_batch.getIntValue())
            .includeSpecialTokens(m_settings.m_special.getBooleanValue()).build();
        final TokenEmbedder embedder = new TokenEmbedder(model, options);
        final int[] layers = embedder.layers();

        // Rows stream through: the engine reads a window ahead and hands results back in input order, so the rows
        // waiting for their vectors are exactly the queue's head. Rows without text are skipped and counted.
        final Deque<DataRow> pending = new ArrayDeque<>();
        final long[] skipped = {0};
        final BufferedDataContainer out;
        try (CloseableRowIterator rowIterator = table.iterator()) {
            final Iterator<TextInput> inputs = new Iterator<>() {
                private DataRow m_next = advance();

                private DataRow advance() {
                    while (rowIterator.hasNext()) {
                        final DataRow row = rowIterator.next();
                        if (!row.getCell(textCol).isMissing()) {
                            return row;
                        }
                        skipped[0]++;
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
                    pending.add(row);
                    m_next = advance();
                    return new TextInput(((StringValue)row.getCell(textCol)).getStringValue(),
                        pairCol < 0 || row.getCell(pairCol).isMissing() ? null
                            : ((StringValue)row.getCell(pairCol)).getStringValue());
                }
            };
            final EngineProgress progress = new EngineProgress(exec, table.size(), "texts");
            if (pooling == Pooling.NONE) {
                out = exec.createDataContainer(tokenSpec(layers));
                EngineProgress.call(exec, () -> {
                    embedder.embedTokens(inputs, v -> {
                        final RowKey key = pending.poll().getKey();
                        for (int t = 0; t < v.tokenCount(); t++) {
                            final int position = v.tokenIndices()[t];
                            final List<DataCell> cells = new ArrayList<>();
                            cells.add(new StringCell(v.encoding().tokens()[position]));
                            cells.add(new IntCell(position));
                            for (int l = 0; l < layers.length; l++) {
                                cells.add(vector(v.vectors()[l][t]));
                            }
                            out.addRowToTable(new DefaultRow(new RowKey(key.getString() + "#" + position), cells));
                        }
                    }, progress);
                    return null;
                });
            } else {
                out = exec.createDataContainer(new DataTableSpec(inSpec, new DataTableSpec(layerColumns(layers))));
                EngineProgress.call(exec, () -> {
                    embedder.embedPooled(inputs, v -> {
                        final DataRow row = pending.poll();
                        final List<DataCell> cells = new ArrayList<>();
                        row.forEach(cells::add);
                        for (int l = 0; l < layers.length; l++) {
                            cells.add(vector(v.vectors()[l]));
                        }
                        out.addRowToTable(new DefaultRow(row.getKey(), cells));
                    }, progress);
                    return null;
                });
            }
            out.close();
        }
        final String warning = Tables.missingWarning(skipped[0], "text");
        if (warning != null) {
            warn(warning);
        }
        return new PortObject[]{out.getTable()};
    }

    static DataTableSpec tokenSpec(final int[] layers) {
        final List<DataColumnSpec> columns = new ArrayList<>();
        columns.add(new DataColumnSpecCreator("token", StringCell.TYPE).createSpec());
        columns.add(new DataColumnSpecCreator("position", IntCell.TYPE).createSpec());
        columns.addAll(List.of(layerColumns(layers)));
        return new DataTableSpec(columns.toArray(DataColumnSpec[]::new));
    }

    static DataColumnSpec[] layerColumns(final int[] layers) {
        final DataColumnSpec[] columns = new DataColumnSpec[layers.length];
        for (int i = 0; i < layers.length; i++) {
            columns[i] = new DataColumnSpecCreator("layer " + layers[i], ListCell.getCollectionType(DoubleCell.TYPE))
                .createSpec();
        }
        return columns;
    }

    static DataCell vector(final float[] values) {
        final List<DataCell> cells = new ArrayList<>(values.length);
        for (final float v : values) {
            cells.add(new DoubleCell(v));
        }
        return CollectionCellFactory.createListCell(cells);
    }
}

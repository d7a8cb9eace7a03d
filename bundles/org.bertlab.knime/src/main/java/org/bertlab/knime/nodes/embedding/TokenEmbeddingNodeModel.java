package org.bertlab.knime.nodes.embedding;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TextInput;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.model.BertModel;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
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
        BertPreferences.applyToEngine();
        final BertModel model = ((BertModelPortObject)in[0]).getModel();
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

        // rows with text, in order; their keys and cells are looked up by the engine's input index
        final List<DataRow> rows = new ArrayList<>();
        long skipped = 0;
        for (final DataRow row : table) {
            final DataCell text = row.getCell(textCol);
            if (text.isMissing()) {
                skipped++;
            } else {
                rows.add(row);
            }
        }
        final Iterator<TextInput> inputs = rows.stream().map(r -> new TextInput(((StringValue)r.getCell(textCol))
            .getStringValue(), pairCol < 0 || r.getCell(pairCol).isMissing() ? null
                : ((StringValue)r.getCell(pairCol)).getStringValue())).iterator();
        final EngineProgress progress = new EngineProgress(exec, rows.size(), "texts");
        final BufferedDataContainer out;
        if (pooling == Pooling.NONE) {
            out = exec.createDataContainer(tokenSpec(layers));
            EngineProgress.call(exec, () -> {
                embedder.embedTokens(inputs, v -> {
                    final RowKey key = rows.get((int)v.index()).getKey();
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
                    final DataRow row = rows.get((int)v.index());
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
        final String warning = Tables.missingWarning(skipped, "text");
        if (warning != null) {
            setWarningMessage(warning);
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

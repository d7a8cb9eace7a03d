package org.bertlab.knime.nodes.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.PooledVectors;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.embed.TokenVectors;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class TokenEmbeddingNodeModelTest {

    static final String[] TEXTS = {"the fish swims", "鱼在游泳", null, "a cat"};

    static BufferedDataTable texts(final ExecutionContext exec) {
        return NodeTesting.strings(exec, new String[]{"text"}, new String[]{TEXTS[0]}, new String[]{TEXTS[1]},
            new String[]{TEXTS[2]}, new String[]{TEXTS[3]});
    }

    static TokenEmbeddingNodeModel model(final String pooling) {
        final TokenEmbeddingNodeModel model = new TokenEmbeddingNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_layers.setStringValue("0,2");
        model.settings().m_pooling.setStringValue(pooling);
        model.settings().m_batch.setIntValue(2);
        return model;
    }

    static BufferedDataTable run(final TokenEmbeddingNodeModel model, final BertModelPortObject port)
        throws Exception {
        final TokenEmbeddingNodeFactory factory = new TokenEmbeddingNodeFactory();
        final ExecutionContext exec = NodeTesting.exec(factory);
        final BufferedDataTable in = texts(exec);
        final NodeSettings written =
            NodeTesting.throughDialog(model, new TokenEmbeddingNodeDialog(), port.getSpec(), in.getDataTableSpec());
        assertNull(written.getString(TokenEmbeddingSettings.KEY_PAIR), "no second text column: <none> is null");
        model.configure(new PortObjectSpec[]{port.getSpec(), in.getDataTableSpec()});
        return (BufferedDataTable)NodeTesting.execute(model, new PortObject[]{port, in}, exec)[0];
    }

    static void assertVector(final float[] expected, final DataRow row, final int column) {
        final ListDataValue list = (ListDataValue)row.getCell(column);
        assertEquals(expected.length, list.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((DoubleValue)list.get(i)).getDoubleValue(), 1e-5, "element " + i);
        }
    }

    @Test
    void pooledVectorsAreTheEnginesAndKeepEveryRowAndKey() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenEmbeddingNodeModel model = model("mean");
        final List<DataRow> rows = NodeTesting.rows(run(model, port));
        assertEquals(4, rows.size(), "the row without text is kept");
        assertTrue(model.warning().contains("1 row"), model.warning());
        assertEquals(List.of("Row0", "Row1", "Row2", "Row3"), rows.stream().map(r -> r.getKey().getString()).toList());
        assertTrue(rows.get(2).getCell(1).isMissing() && rows.get(2).getCell(2).isMissing(),
            "missing text, missing vectors");

        final List<PooledVectors> expected = new TokenEmbedder(Models.model(port), EmbeddingOptions.builder()
            .layers(0, 2).pooling(Pooling.MEAN).batchSize(2).build()).pooled(List.of(TEXTS[0], TEXTS[1], TEXTS[3]));
        final int[] withText = {0, 1, 3};
        for (int r = 0; r < expected.size(); r++) {
            assertEquals(expected.get(r).vectors().length, 2);
            assertVector(expected.get(r).vectors()[0], rows.get(withText[r]), 1);
            assertVector(expected.get(r).vectors()[1], rows.get(withText[r]), 2);
        }
    }

    @Test
    void rowsWithoutTextAtTheStartAndEndKeepTheirPlace() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenEmbeddingNodeModel model = model("cls");
        final ExecutionContext exec = NodeTesting.exec(new TokenEmbeddingNodeFactory());
        final BufferedDataTable in = NodeTesting.strings(exec, new String[]{"text"}, new String[]{null},
            new String[]{"a cat"}, new String[]{null}, new String[]{null}, new String[]{"鱼"}, new String[]{null});
        model.configure(new PortObjectSpec[]{port.getSpec(), in.getDataTableSpec()});
        final List<DataRow> rows =
            NodeTesting.rows((BufferedDataTable)NodeTesting.execute(model, new PortObject[]{port, in}, exec)[0]);
        assertEquals(6, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals("Row" + r, rows.get(r).getKey().getString());
            assertEquals(rows.get(r).getCell(0).isMissing(), rows.get(r).getCell(1).isMissing(), "row " + r);
        }
    }

    @Test
    void perTokenRowsAreTheEngines() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final BufferedDataTable table = run(model("none"), port);
        final List<DataRow> rows = NodeTesting.rows(table);
        final List<TokenVectors> expected = new TokenEmbedder(Models.model(port),
            EmbeddingOptions.builder().layers(0, 2).batchSize(2).build()).tokens(List.of(TEXTS[0], TEXTS[1], TEXTS[3]));
        int r = 0;
        for (final TokenVectors v : expected) {
            for (int t = 0; t < v.tokenCount(); t++, r++) {
                final DataRow row = rows.get(r);
                assertEquals(v.encoding().tokens()[v.tokenIndices()[t]], ((StringValue)row.getCell(1)).getStringValue());
                assertVector(v.vectors()[1][t], row, 4);
            }
        }
        assertEquals(r, rows.size());
        assertTrue(rows.get(0).getKey().getString().startsWith("Row0#"));
        // the source row's key as a column, to join back to the input
        assertEquals(TokenEmbeddingNodeModel.SOURCE_ROW_COLUMN, table.getDataTableSpec().getColumnSpec(0).getName());
        assertEquals("Row0", ((StringValue)rows.get(0).getCell(0)).getStringValue());
        assertEquals("Row3", ((StringValue)rows.get(rows.size() - 1).getCell(0)).getStringValue());
    }

    @Test
    void configureReturnsTheSpecExecutionProduces() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        for (final String pooling : TokenEmbeddingSettings.OUTPUTS) {
            final TokenEmbeddingNodeModel model = model(pooling);
            final ExecutionContext exec = NodeTesting.exec(new TokenEmbeddingNodeFactory());
            final BufferedDataTable in = texts(exec);
            final DataTableSpec configured =
                (DataTableSpec)model.configure(new PortObjectSpec[]{port.getSpec(), in.getDataTableSpec()})[0];
            final BufferedDataTable out = (BufferedDataTable)NodeTesting.execute(model, new PortObject[]{port, in}, exec)[0];
            assertTrue(out.getDataTableSpec().equalStructure(configured), pooling + ": " + configured);
        }
        // "all" layers of the 4-layer model: 0 to 4
        final TokenEmbeddingNodeModel all = model("mean");
        all.settings().m_layers.setStringValue("all");
        final DataTableSpec spec = (DataTableSpec)all.configure(
            new PortObjectSpec[]{port.getSpec(), NodeTesting.spec("text")})[0];
        assertEquals(1 + port.getSpec().getLayers() + 1, spec.getNumColumns(), spec.toString());
        // no model spec yet: the layer columns are not known
        assertNull(model("mean").configure(new PortObjectSpec[]{null, NodeTesting.spec("text")})[0]);
    }

    @Test
    void streamedRowsAreTheExecutedRows() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        for (final String pooling : new String[]{"mean", "none"}) {
            final List<DataRow> executed = NodeTesting.rows(run(model(pooling), port));
            final ExecutionContext exec = NodeTesting.exec(new TokenEmbeddingNodeFactory());
            final TokenEmbeddingNodeModel model = model(pooling);
            final List<DataRow> streamed =
                NodeTesting.stream(model, new PortObject[]{port, texts(exec)}, exec).get(0);
            assertEquals(executed.size(), streamed.size(), pooling);
            for (int r = 0; r < executed.size(); r++) {
                assertEquals(executed.get(r).getKey(), streamed.get(r).getKey());
                for (int c = 0; c < executed.get(r).getNumCells(); c++) {
                    assertEquals(executed.get(r).getCell(c), streamed.get(r).getCell(c), pooling + " row " + r);
                }
            }
            assertTrue(model.warning().contains("1 row"), model.warning());
        }
    }

    @Test
    void configureRefusesLayersTheModelLacksAndTextsThatAreNotStrings() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenEmbeddingNodeModel model = model("mean");
        model.settings().m_layers.setStringValue("2,9");
        final InvalidSettingsException layers = assertThrows(InvalidSettingsException.class,
            () -> model.configure(new PortObjectSpec[]{port.getSpec(), NodeTesting.spec("text")}));
        assertTrue(layers.getMessage().startsWith("\"" + TokenEmbeddingSettings.LABEL_LAYERS + "\""),
            layers.getMessage());
        assertTrue(layers.getMessage().contains("layer 9") && layers.getMessage().contains("to 4"),
            layers.getMessage());
        assertFalse(layers.getMessage().contains("--"), layers.getMessage());

        final TokenEmbeddingNodeModel numbers = model("mean");
        final DataTableSpec withNumber = new DataTableSpec(
            new DataColumnSpecCreator("text", IntCell.TYPE).createSpec());
        final InvalidSettingsException type = assertThrows(InvalidSettingsException.class,
            () -> numbers.configure(new PortObjectSpec[]{port.getSpec(), withNumber}));
        assertTrue(type.getMessage().contains(TokenEmbeddingSettings.LABEL_TEXT)
            && type.getMessage().contains("not text"), type.getMessage());
    }

    @Test
    void savedAndLoadedPortGivesIdenticalOutputs() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final BertModelPortObject loaded = (BertModelPortObject)NodeTesting.roundTrip(port);
        assertEquals(port.getSpec(), loaded.getSpec());
        final List<DataRow> before = NodeTesting.rows(run(model("mean"), port));
        final List<DataRow> after = NodeTesting.rows(run(model("mean"), loaded));
        assertEquals(before.size(), after.size());
        for (int r = 0; r < before.size(); r++) {
            assertEquals(before.get(r).getKey(), after.get(r).getKey());
            for (int c = 0; c < before.get(r).getNumCells(); c++) {
                assertEquals(before.get(r).getCell(c), after.get(r).getCell(c), "row " + r + " column " + c);
            }
        }
    }

    @Test
    void settingsRoundTrip() throws Exception {
        NodeTesting.assertSettingsRoundTrip(model("cls"), new TokenEmbeddingNodeModel());
    }
}

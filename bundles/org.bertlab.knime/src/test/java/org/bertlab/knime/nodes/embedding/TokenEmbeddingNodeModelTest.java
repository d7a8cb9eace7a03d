package org.bertlab.knime.nodes.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
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
        return (BufferedDataTable)model.execute(new PortObject[]{port, in}, exec)[0];
    }

    static void assertVector(final float[] expected, final DataRow row, final int column) {
        final ListDataValue list = (ListDataValue)row.getCell(column);
        assertEquals(expected.length, list.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((DoubleValue)list.get(i)).getDoubleValue(), 1e-5, "element " + i);
        }
    }

    @Test
    void pooledVectorsAreTheEnginesAndKeepRowKeys() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenEmbeddingNodeModel model = model("mean");
        final List<DataRow> rows = NodeTesting.rows(run(model, port));
        assertEquals(3, rows.size(), "the missing text is skipped");
        assertTrue(model.warning().contains("1 row"), model.warning());
        assertEquals(List.of("Row0", "Row1", "Row3"), rows.stream().map(r -> r.getKey().getString()).toList());

        final List<PooledVectors> expected = new TokenEmbedder(Models.model(port), EmbeddingOptions.builder()
            .layers(0, 2).pooling(Pooling.MEAN).batchSize(2).build()).pooled(List.of(TEXTS[0], TEXTS[1], TEXTS[3]));
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(expected.get(r).vectors().length, 2);
            assertVector(expected.get(r).vectors()[0], rows.get(r), 1);
            assertVector(expected.get(r).vectors()[1], rows.get(r), 2);
        }
    }

    @Test
    void perTokenRowsAreTheEngines() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final List<DataRow> rows = NodeTesting.rows(run(model("none"), port));
        final List<TokenVectors> expected = new TokenEmbedder(Models.model(port),
            EmbeddingOptions.builder().layers(0, 2).batchSize(2).build()).tokens(List.of(TEXTS[0], TEXTS[1], TEXTS[3]));
        int r = 0;
        for (final TokenVectors v : expected) {
            for (int t = 0; t < v.tokenCount(); t++, r++) {
                final DataRow row = rows.get(r);
                assertEquals(v.encoding().tokens()[v.tokenIndices()[t]], ((StringValue)row.getCell(0)).getStringValue());
                assertVector(v.vectors()[1][t], row, 3);
            }
        }
        assertEquals(r, rows.size());
        assertTrue(rows.get(0).getKey().getString().startsWith("Row0#"));
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

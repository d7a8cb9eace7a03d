package org.bertlab.knime.nodes.mrr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.runtime.Progress;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.workflow.FlowObjectStack;
import org.knime.core.node.workflow.VariableType;

class DictionaryMrrNodeModelTest {

    static final String[][] PAIRS = {{"fish", "鱼"}, {"cat", "猫"}, {"water", "水"}, {"dog", "狗"}, {null, "书"},
        {"book", "书"}};

    @Test
    void metricsAndRanksAreTheEngines() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final DictionaryMrrNodeFactory factory = new DictionaryMrrNodeFactory();
        final ExecutionContext exec = NodeTesting.exec(factory);
        final BufferedDataTable dictionary = NodeTesting.strings(exec, new String[]{"en", "zh"}, PAIRS);
        final DictionaryMrrNodeModel model = factory.createNodeModel();
        model.settings().m_source.setStringValue("en");
        model.settings().m_target.setStringValue("zh");
        final NodeSettings written = NodeTesting.throughDialog(model, new DictionaryMrrNodeDialog(), port.getSpec(),
            dictionary.getDataTableSpec(), null);
        assertNull(written.getString(DictionaryMrrSettings.KEY_TEXT), "no corpus: its column drop-downs store null");
        model.configure(new PortObjectSpec[]{port.getSpec(), dictionary.getDataTableSpec(), null});
        final FlowObjectStack variables = NodeTesting.flowVariables(model);
        final PortObject[] out = model.execute(new PortObject[]{port, dictionary, null}, exec);
        assertTrue(model.warning().contains("1 row"), model.warning());

        // The dialog's defaults, written out here rather than read back from the node: isolated word vectors,
        // every layer, both directions, raw and ("Also evaluate centred vectors", ticked) centred.
        final MrrOptions defaults = MrrOptions.builder().mode(MrrOptions.Mode.ISOLATED).build();
        final BilingualDictionary pairs =
            BilingualDictionary.of("fish", "鱼", "cat", "猫", "water", "水", "dog", "狗", "book", "书");
        final List<DictionaryMrr.LayerResult> expected = new ArrayList<>(DictionaryMrr.evaluate(Models.model(port),
            pairs, null, null, defaults, Progress.NONE));
        expected.addAll(DictionaryMrr.evaluate(Models.model(port), pairs, null, null,
            defaults.toBuilder().centring(MrrOptions.Centring.CENTRED).build(), Progress.NONE));
        final int layers = Models.model(port).config().numLayers() + 1;
        assertEquals(2 * layers * 2, expected.size(), "raw and centred, every layer, both directions");
        final List<DataRow> metrics = NodeTesting.rows((BufferedDataTable)out[0]);
        assertEquals(expected.size(), metrics.size());
        int rankRows = 0;
        for (int i = 0; i < expected.size(); i++) {
            final DictionaryMrr.LayerResult e = expected.get(i);
            final DataRow row = metrics.get(i);
            assertEquals(e.layer(), ((IntValue)row.getCell(0)).getIntValue());
            assertEquals(e.direction().label(), ((StringValue)row.getCell(1)).getStringValue());
            assertEquals(e.centred(), ((BooleanValue)row.getCell(2)).getBooleanValue());
            assertEquals(e.mrr(), ((DoubleValue)row.getCell(3)).getDoubleValue(), 1e-6, "MRR of row " + i);
            assertEquals(e.evaluated(), ((IntValue)row.getCell(7)).getIntValue());
            rankRows += e.ranks().size();
        }
        assertEquals(rankRows, ((BufferedDataTable)out[1]).size());
        assertTrue(out[2] instanceof ImagePortObject);

        // the best row of the engine's results, as output flow variables
        final DictionaryMrr.LayerResult best = expected.stream()
            .reduce((a, b) -> b.mrr() > a.mrr() ? b : a).orElseThrow();
        assertEquals(best.layer(), variables.peekFlowVariable(DictionaryMrrNodeModel.VARIABLE_BEST_LAYER,
            VariableType.IntType.INSTANCE).orElseThrow().getIntValue());
        assertEquals(best.mrr(), variables.peekFlowVariable(DictionaryMrrNodeModel.VARIABLE_BEST_MRR,
            VariableType.DoubleType.INSTANCE).orElseThrow().getDoubleValue(), 0);
    }

    @Test
    void progressIsAFractionOfTheWords() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final DictionaryMrrNodeFactory factory = new DictionaryMrrNodeFactory();
        final List<Double> fractions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final DefaultNodeProgressMonitor monitor = new DefaultNodeProgressMonitor() {
            @Override
            public void setProgress(final double progress, final java.util.function.Supplier<String> message) {
                fractions.add(progress);
                super.setProgress(progress, message);
            }
        };
        final ExecutionContext exec = NodeTesting.exec(factory, monitor);
        final BufferedDataTable dictionary = NodeTesting.strings(exec, new String[]{"en", "zh"}, PAIRS);
        final DictionaryMrrNodeModel model = factory.createNodeModel();
        model.settings().m_source.setStringValue("en");
        model.settings().m_target.setStringValue("zh");
        model.settings().m_batch.setIntValue(2);
        model.configure(new PortObjectSpec[]{port.getSpec(), dictionary.getDataTableSpec(), null});
        NodeTesting.flowVariables(model);
        model.execute(new PortObject[]{port, dictionary, null}, exec);
        assertTrue(fractions.size() > 2, "progress reported per batch: " + fractions);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1) && fractions.get(i) <= 1, fractions.toString());
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9, "all words encoded: " + fractions);
    }

    @Test
    void configureRefusesContextualVectorsWithoutACorpusAndLayersTheModelLacks() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final DictionaryMrrNodeModel model = new DictionaryMrrNodeModel();
        model.settings().m_source.setStringValue("en");
        model.settings().m_target.setStringValue("zh");
        model.settings().m_mode.setStringValue("contextual");
        final PortObjectSpec[] noCorpus = {port.getSpec(), NodeTesting.spec("en", "zh"), null};
        final InvalidSettingsException corpus =
            assertThrows(InvalidSettingsException.class, () -> model.configure(noCorpus));
        assertTrue(corpus.getMessage().startsWith("\"" + DictionaryMrrSettings.LABEL_MODE + "\"")
            && corpus.getMessage().contains("corpus"), corpus.getMessage());

        model.settings().m_mode.setStringValue("isolated");
        model.configure(noCorpus);
        model.settings().m_candidates.setStringValue("corpus");
        assertThrows(InvalidSettingsException.class, () -> model.configure(noCorpus), "corpus candidates too");

        model.settings().m_candidates.setStringValue("dictionary");
        model.settings().m_layers.setStringValue("0,5");
        final InvalidSettingsException layers =
            assertThrows(InvalidSettingsException.class, () -> model.configure(noCorpus));
        assertTrue(layers.getMessage().startsWith("\"" + DictionaryMrrSettings.LABEL_LAYERS + "\"")
            && layers.getMessage().contains("layer 5"), layers.getMessage());
        assertFalse(layers.getMessage().contains("--"), layers.getMessage());
    }

    @Test
    void settingsRoundTrip() throws Exception {
        final DictionaryMrrNodeModel model = new DictionaryMrrNodeModel();
        model.settings().m_source.setStringValue("en");
        model.settings().m_mode.setStringValue("static");
        model.settings().m_layers.setStringValue("0,2");
        NodeTesting.assertSettingsRoundTrip(model, new DictionaryMrrNodeModel());
    }
}

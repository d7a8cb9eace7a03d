package org.bertlab.knime.nodes.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.LanguageOffset;
import org.bertlab.core.runtime.Progress;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class LanguageOffsetNodeModelTest {

    static final String[][] CORPUS = {{"the fish swims in the water", "en"}, {"the cat sleeps", "en"},
        {"a dog and a cat", "en"}, {"鱼在水里游", "zh"}, {"猫在睡觉", "zh"}, {"一只狗和一只猫", "zh"}, {null, "zh"}};

    static final String[][] DICTIONARY = {{"fish", "鱼"}, {"cat", "猫"}, {"dog", "狗"}, {"water", "水"}};

    @Test
    void offsetsTranslationsAndAccuracyAreTheEngines() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final LanguageOffsetNodeFactory factory = new LanguageOffsetNodeFactory();
        final List<Double> fractions = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the engine's progress reaches the node's monitor through a sub-progress, which sets the fraction alone
        final ExecutionContext exec = NodeTesting.exec(factory, new DefaultNodeProgressMonitor() {
            @Override
            public void setProgress(final double progress) {
                fractions.add(progress);
                super.setProgress(progress);
            }
        });
        final BufferedDataTable corpus = NodeTesting.strings(exec, new String[]{"text", "lang"}, CORPUS);
        final BufferedDataTable dictionary = NodeTesting.strings(exec, new String[]{"en", "zh"}, DICTIONARY);
        final LanguageOffsetNodeModel model = factory.createNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_language.setStringValue("lang");
        model.settings().m_source.setStringValue("en");
        model.settings().m_target.setStringValue("zh");
        model.settings().m_layers.setStringValue("0,4");
        NodeTesting.throughDialog(model, new LanguageOffsetNodeDialog(), port.getSpec(), corpus.getDataTableSpec(),
            dictionary.getDataTableSpec());
        model.configure(new PortObjectSpec[]{port.getSpec(), corpus.getDataTableSpec(), dictionary.getDataTableSpec()});
        final PortObject[] out = model.execute(new PortObject[]{port, corpus, dictionary}, exec);
        assertTrue(model.warning().contains("1 row"), model.warning());
        // progress is one fraction over both corpora (the encoding is 90 % of the node's work)
        assertTrue(fractions.size() >= 2, fractions.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never restarts: " + fractions);
        }
        assertEquals(0.9, fractions.get(fractions.size() - 1), 1e-9, fractions.toString());

        final LanguageOffset.Report expected = LanguageOffset.evaluate(Models.model(port),
            List.of(CORPUS[0][0], CORPUS[1][0], CORPUS[2][0]), List.of(CORPUS[3][0], CORPUS[4][0], CORPUS[5][0]),
            BilingualDictionary.of("fish", "鱼", "cat", "猫", "dog", "狗", "water", "水"),
            model.settings().options(Models.model(port).config().numLayers()), Progress.NONE);
        final List<DataRow> offsets = NodeTesting.rows((BufferedDataTable)out[0]);
        final List<DataRow> accuracy = NodeTesting.rows((BufferedDataTable)out[2]);
        assertEquals(expected.layers().size(), offsets.size());
        for (int i = 0; i < offsets.size(); i++) {
            final LanguageOffset.LayerResult e = expected.layers().get(i);
            assertEquals(e.layer(), ((IntValue)offsets.get(i).getCell(0)).getIntValue());
            assertEquals(e.offsetNorm(), ((DoubleValue)offsets.get(i).getCell(1)).getDoubleValue(), 1e-5);
            // the offset vector's length is the norm the engine reports
            final ListDataValue vector = (ListDataValue)offsets.get(i).getCell(3);
            double sq = 0;
            for (int d = 0; d < vector.size(); d++) {
                final double v = ((DoubleValue)vector.get(d)).getDoubleValue();
                sq += v * v;
            }
            assertEquals(e.offsetNorm(), Math.sqrt(sq), 1e-3 * Math.max(1, e.offsetNorm()));
            assertEquals(e.mrrWith(), ((DoubleValue)accuracy.get(i).getCell(8)).getDoubleValue(), 1e-6);
            assertEquals(e.mrrWithout(), ((DoubleValue)accuracy.get(i).getCell(5)).getDoubleValue(), 1e-6);
        }
        final List<DataRow> translations = NodeTesting.rows((BufferedDataTable)out[1]);
        assertEquals(expected.translations().size(), translations.size());
        assertEquals(expected.translations().get(0).source(),
            ((StringValue)translations.get(0).getCell(1)).getStringValue());
    }

    @Test
    void settingsRoundTrip() throws Exception {
        final LanguageOffsetNodeModel model = new LanguageOffsetNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_topK.setIntValue(3);
        NodeTesting.assertSettingsRoundTrip(model, new LanguageOffsetNodeModel());
    }
}

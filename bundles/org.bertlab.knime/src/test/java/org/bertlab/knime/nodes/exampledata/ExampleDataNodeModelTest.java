package org.bertlab.knime.nodes.exampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Each data set against the shipped file read here line by line (or, for DNA, against the motif rule), through the
 * node as KNIME runs it: dialog, configure, execute.
 */
class ExampleDataNodeModelTest {

    private static final String ALIGN = "/org/bertlab/core/align/data/";

    private static final String TRAIN = "/org/bertlab/core/train/data/";

    @Test
    void dictionaryIsTheShippedPairs() throws Exception {
        final List<DataRow> rows = run(ExampleDataSet.DICTIONARY, 0);
        final List<String> lines = lines(ALIGN + "en-zh.txt");
        assertEquals(370, rows.size());
        assertEquals(lines.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(lines.get(i), text(rows.get(i), 0) + "\t" + text(rows.get(i), 1), "row " + i);
        }
    }

    @Test
    void sentencesAlternateLanguagesAndHoldBothCorpora() throws Exception {
        final List<DataRow> rows = run(ExampleDataSet.SENTENCES, 0);
        final List<String> en = new ArrayList<>();
        final List<String> zh = new ArrayList<>();
        for (final DataRow row : rows) {
            (text(row, 1).equals("en") ? en : zh).add(text(row, 0));
        }
        assertEquals(lines(ALIGN + "en.txt"), en);
        assertEquals(lines(ALIGN + "zh.txt"), zh);
        assertEquals(644 + 643, rows.size());
        assertEquals("en", text(rows.get(0), 1));
        assertEquals("zh", text(rows.get(1), 1), "the first two rows hold both languages");
        final List<DataRow> first = run(ExampleDataSet.SENTENCES, 6);
        assertEquals(6, first.size());
        assertEquals(3, first.stream().filter(r -> text(r, 1).equals("zh")).count());
    }

    @Test
    void topicsAreTheShippedTable() throws Exception {
        final List<DataRow> rows = run(ExampleDataSet.TOPICS, 0);
        final List<String> lines = lines(TRAIN + "topics-en-zh.tsv");
        assertEquals("id\ttopic\ten\tzh", lines.get(0));
        assertEquals(160, rows.size());
        final Map<String, Integer> perTopic = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            final DataRow r = rows.get(i);
            assertEquals(lines.get(i + 1), ((IntValue)r.getCell(0)).getIntValue() + "\t" + text(r, 1) + "\t"
                + text(r, 2) + "\t" + text(r, 3), "row " + i);
            perTopic.merge(text(r, 1), 1, Integer::sum);
        }
        assertEquals(Map.of("food", 40, "weather", 40, "sport", 40, "animals", 40), perTopic);
    }

    @Test
    void dnaLabelSaysWhetherTheMotifOccurs() throws Exception {
        final List<DataRow> rows = run(ExampleDataSet.DNA, 0);
        assertEquals(200, rows.size());
        int positives = 0;
        for (final DataRow r : rows) {
            final String bases = text(r, 0).replace(" ", "");
            assertTrue(bases.matches("[ACGT]{40,60}"), bases);
            assertEquals(bases.length(), ((IntValue)r.getCell(1)).getIntValue());
            final int label = ((IntValue)r.getCell(2)).getIntValue();
            assertEquals(bases.contains("TATAAA") ? 1 : 0, label, bases);
            positives += label;
        }
        assertTrue(positives > 60 && positives < 140, positives + " of 200 hold the motif");
        assertEquals(text(rows.get(7), 0), text(run(ExampleDataSet.DNA, 0).get(7), 0), "seeded: the same rows");
    }

    @Test
    void englishTrainingQa() throws Exception {
        assertQa(ExampleDataSet.QA_EN_TRAIN, "qa-en-train.json", 300);
    }

    @Test
    void chineseTrainingQa() throws Exception {
        assertQa(ExampleDataSet.QA_ZH_TRAIN, "qa-zh-train.json", 300);
    }

    @Test
    void englishTestQa() throws Exception {
        assertQa(ExampleDataSet.QA_EN_TEST, "qa-en-test.json", 100);
    }

    @Test
    void chineseTestQa() throws Exception {
        assertQa(ExampleDataSet.QA_ZH_TEST, "qa-zh-test.json", 100);
    }

    @Test
    void unknownDataSetFailsNamingTheField() throws Exception {
        final ExampleDataNodeModel model = new ExampleDataNodeModel();
        model.settings().m_dataSet.setStringValue("SQuAD");
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[0]));
        assertTrue(e.getMessage().contains(ExampleDataSettings.LABEL_DATA_SET), e.getMessage());
        assertTrue(e.getMessage().contains(ExampleDataSet.QA_EN_TRAIN.label()), "lists the data sets: "
            + e.getMessage());
        model.settings().m_dataSet.setStringValue(ExampleDataSet.TOPICS.label());
        model.settings().m_rows.setIntValue(5);
        NodeTesting.assertSettingsRoundTrip(model, new ExampleDataNodeModel());
    }

    /**
     * Every row against the file: the ids in file order, the answer is the context's text at answer_start (checked
     * here with plain string indexing), and the question is in the file.
     */
    private static void assertQa(final ExampleDataSet set, final String file, final int size) throws Exception {
        final List<DataRow> rows = run(set, 0);
        assertEquals(size, rows.size());
        final String json = String.join("\n", lines(TRAIN + file));
        final List<String> ids = new ArrayList<>();
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\": \"([^\"]+)\"").matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(size, ids.size());
        for (int i = 0; i < rows.size(); i++) {
            final DataRow r = rows.get(i);
            assertEquals(ids.get(i), text(r, 0));
            final String context = text(r, 2);
            final String answer = text(r, 4);
            final int start = ((IntValue)r.getCell(5)).getIntValue();
            assertEquals(answer, context.substring(start, start + answer.length()), ids.get(i));
            assertTrue(json.contains("\"question\": \"" + text(r, 3) + "\""), ids.get(i));
            assertTrue(r.getCell(6).isMissing(), "one answer per question: " + ids.get(i));
        }
        assertEquals(10, run(set, 10).size());
    }

    /** Sets the data set through the dialog, configures and executes; the table must match the configured spec. */
    private static List<DataRow> run(final ExampleDataSet set, final int limit) throws Exception {
        final ExampleDataNodeFactory factory = new ExampleDataNodeFactory();
        final ExampleDataNodeModel model = factory.createNodeModel();
        model.settings().m_dataSet.setStringValue(set.label());
        model.settings().m_rows.setIntValue(limit);
        final NodeSettings written = NodeTesting.throughDialog(model, new ExampleDataNodeDialog());
        assertEquals(set.label(), written.getString(ExampleDataSettings.KEY_DATA_SET));
        final DataTableSpec spec = (DataTableSpec)model.configure(new PortObjectSpec[0])[0];
        final BufferedDataTable out =
            (BufferedDataTable)model.execute(new PortObject[0], NodeTesting.exec(factory))[0];
        assertTrue(spec.equalStructure(out.getDataTableSpec()), "the configured spec: " + out.getDataTableSpec());
        return NodeTesting.rows(out);
    }

    private static String text(final DataRow row, final int column) {
        return ((StringValue)row.getCell(column)).getStringValue();
    }

    private static List<String> lines(final String resource) throws Exception {
        try (InputStream in = ExampleDataNodeModelTest.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}

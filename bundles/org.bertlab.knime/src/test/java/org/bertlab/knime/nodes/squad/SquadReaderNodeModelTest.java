package org.bertlab.knime.nodes.squad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bertlab.knime.testing.NodeTesting;
import org.bertlab.knime.util.QaTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/** Real files in the SQuAD v1.1 layout, written here as a user's would be, read through the node. */
class SquadReaderNodeModelTest {

    @TempDir
    Path dir;

    /**
     * A DRCD-like file: two articles, a paragraph with two questions, a question with three gold answers, and a
     * character outside the Basic Multilingual Plane before an answer, where the file's code-point offset and
     * Java's UTF-16 index differ by one.
     */
    private static final String DRCD_LIKE = """
        {"version": "1.3", "data": [
          {"title": "台北", "paragraphs": [
            {"context": "台北是台湾的首都。台北有很多人。", "qas": [
              {"id": "1-1", "question": "台湾的首都是哪里？", "answers": [{"text": "台北", "answer_start": 0}]},
              {"id": "1-2", "question": "哪里有很多人？", "answers": [{"text": "台北", "answer_start": 9},
                {"text": "台北", "answer_start": 0}, {"text": "台北市", "answer_start": 0}]}]}]},
          {"title": "Emoji", "paragraphs": [
            {"context": "The sign \uD83D\uDE00 means happy.", "qas": [
              {"id": "2-1", "question": "What does the sign mean?", "answers": [{"text": "happy", "answer_start": 17}]}
            ]}]}]}
        """;

    @Test
    void readsEveryQuestionWithJavaOffsets() throws Exception {
        final Path file = write("drcd-like.json", DRCD_LIKE);
        final SquadReaderNodeModel model = model(file.toString());
        final List<DataRow> rows = run(model);
        assertNull(model.warning());
        assertEquals(3, rows.size());
        assertRow(rows.get(0), "1-1", "台北", "台湾的首都是哪里？", "台北", 0, null);
        assertRow(rows.get(1), "1-2", "台北", "哪里有很多人？", "台北", 9, "台北 | 台北市");
        // code point 17 is UTF-16 index 18: the emoji before it is two chars in Java
        assertRow(rows.get(2), "2-1", "Emoji", "What does the sign mean?", "happy", 18, null);
        for (final DataRow r : rows) {
            final String context = text(r, 2);
            final int start = ((IntValue)r.getCell(5)).getIntValue();
            assertEquals(text(r, 4), context.substring(start, start + text(r, 4).length()));
        }
    }

    @Test
    void leftOutQuestionsAreNamedInTheWarning() throws Exception {
        final Path file = write("one-bad.json", """
            {"data": [{"title": "t", "paragraphs": [{"context": "Amy lives in Oslo.", "qas": [
              {"id": "good", "question": "Where does Amy live?", "answers": [{"text": "Oslo", "answer_start": 13}]},
              {"id": "shifted", "question": "Who lives in Oslo?", "answers": [{"text": "Amy", "answer_start": 4}]},
              {"id": "unanswerable", "question": "How old is Amy?", "answers": []}]}]}]}
            """);
        final SquadReaderNodeModel model = model(file.toString());
        final List<DataRow> rows = run(model);
        assertEquals(1, rows.size());
        assertEquals("good", text(rows.get(0), 0));
        final String warning = model.warning();
        assertTrue(warning.startsWith("2 question(s) left out"), warning);
        assertTrue(warning.contains(file.toString()) && warning.contains("id shifted")
            && warning.contains("is not at answer_start 4") && warning.contains("id unanswerable"), warning);
    }

    @Test
    void fileThatIsNotSquadFailsNamingFileAndProblem() throws Exception {
        final Path broken = write("broken.json", "{\"data\": [ {\"title\": \"x\", ");
        final Exception invalid = assertThrows(Exception.class, () -> run(model(broken.toString())));
        assertTrue(invalid.getMessage().contains(broken.toString()) && invalid.getMessage().contains("not valid JSON"),
            invalid.getMessage());

        final Path squad2Style = write("no-data.json", "{\"version\": \"v2.0\", \"articles\": []}");
        final Exception noData = assertThrows(Exception.class, () -> run(model(squad2Style.toString())));
        assertTrue(noData.getMessage().contains(squad2Style.toString())
            && noData.getMessage().contains("\"data\" must be a list and is missing"), noData.getMessage());

        final Path noQuestion = write("no-question.json", """
            {"data": [{"paragraphs": [{"context": "c", "qas": [{"id": "q7", "answers": []}]}]}]}
            """);
        final Exception question = assertThrows(Exception.class, () -> run(model(noQuestion.toString())));
        assertTrue(question.getMessage().contains("data[0].paragraphs[0].qas[0] (id q7)")
            && question.getMessage().contains("\"question\" must be a text"), question.getMessage());
        assertTrue(Files.exists(broken) && Files.readString(broken).startsWith("{\"data\""), "the file is untouched");
    }

    @Test
    void missingFileOrFolderFailsAtConfigure() throws Exception {
        final Path absent = dir.resolve("train-v1.1.json");
        final InvalidSettingsException missing = assertThrows(InvalidSettingsException.class,
            () -> model(absent.toString()).configure(new PortObjectSpec[0]));
        assertEquals("\"" + SquadReaderSettings.LABEL_FILE + "\": " + absent + " does not exist",
            missing.getMessage());
        final InvalidSettingsException folder = assertThrows(InvalidSettingsException.class,
            () -> model(dir.toString()).configure(new PortObjectSpec[0]));
        assertTrue(folder.getMessage().contains("is not a file"), folder.getMessage());
        final InvalidSettingsException empty = assertThrows(InvalidSettingsException.class,
            () -> model("").configure(new PortObjectSpec[0]));
        assertTrue(empty.getMessage().contains(SquadReaderSettings.LABEL_FILE), empty.getMessage());
    }

    @Test
    void settingsRoundTripAndDialog() throws Exception {
        final Path file = write("one.json", DRCD_LIKE);
        final SquadReaderNodeModel model = model(file.toUri().toString());
        NodeTesting.assertSettingsRoundTrip(model, new SquadReaderNodeModel());
        NodeTesting.throughDialog(model, new SquadReaderNodeDialog());
        assertEquals(3, run(model).size(), "a file: URL is read like a path");
    }

    private Path write(final String name, final String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static SquadReaderNodeModel model(final String file) {
        final SquadReaderNodeModel model = new SquadReaderNodeFactory().createNodeModel();
        model.settings().m_file.setStringValue(file);
        return model;
    }

    private static List<DataRow> run(final SquadReaderNodeModel model) throws Exception {
        assertEquals(QaTables.SPEC, model.configure(new PortObjectSpec[0])[0]);
        final BufferedDataTable out = (BufferedDataTable)model.execute(new PortObject[0],
            NodeTesting.exec(new SquadReaderNodeFactory()))[0];
        assertTrue(QaTables.SPEC.equalStructure(out.getDataTableSpec()), out.getDataTableSpec().toString());
        return NodeTesting.rows(out);
    }

    private static void assertRow(final DataRow row, final String id, final String title, final String question,
        final String answer, final int start, final String others) {
        assertEquals(id, text(row, 0));
        assertEquals(title, text(row, 1));
        assertEquals(question, text(row, 3));
        assertEquals(answer, text(row, 4));
        assertEquals(start, ((IntValue)row.getCell(5)).getIntValue(), id);
        if (others == null) {
            assertTrue(row.getCell(6).isMissing(), id);
        } else {
            assertEquals(others, text(row, 6));
        }
    }

    private static String text(final DataRow row, final int column) {
        return ((StringValue)row.getCell(column)).getStringValue();
    }
}

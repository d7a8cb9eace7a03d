package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQuAD v1.1 JSON reader and writer: structure, code-point offsets, and what a broken file says. */
class SquadJsonTest {

    @TempDir
    Path dir;

    private Path file(final String json) throws IOException {
        final Path f = dir.resolve("squad.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private static String squad(final String qas) {
        return "{\"version\": \"1.1\", \"data\": [{\"title\": \"Cats\", \"paragraphs\": [{\"context\": "
            + "\"The cat sat on the red mat.\", \"qas\": [" + qas + "]}]}]}";
    }

    @Test
    void readsQuestionsWithTheirFirstAnswerAndFurtherGoldAnswers() throws IOException {
        final SquadJson.Contents c = SquadJson.read(file(squad(
            "{\"id\": \"q1\", \"question\": \"Where did the cat sit?\", \"answers\": [{\"text\": \"on the red mat\", "
                + "\"answer_start\": 12}, {\"text\": \"the red mat\", \"answer_start\": 15}]},"
                + "{\"id\": \"q2\", \"question\": \"What colour is the mat?\", \"answers\": [{\"text\": \"red\", "
                + "\"answer_start\": 19}]}")));
        assertEquals("1.1", c.version());
        assertEquals(2, c.items().size());
        assertTrue(c.problems().isEmpty());
        final SquadJson.Item first = c.items().get(0);
        assertEquals(List.of("q1", "Cats", "The cat sat on the red mat.", "Where did the cat sit?", "on the red mat",
            "12", "the red mat"), first.cells());
        assertEquals(SquadJson.COLUMNS.size(), first.cells().size());
        final QaExample example = first.example();
        assertEquals(List.of("on the red mat", "the red mat"), example.answers());
        assertEquals("red", c.examples().get(1).context().substring(19, 22));
    }

    @Test
    void answerStartCountsCodePointsAsPythonDoes() throws IOException {
        // U+20000 is one code point but two UTF-16 chars: offset 3 in Python is index 4 in Java.
        final String context = "\uD840\uDC00 \u732B\u5728\u5BB6";
        final String json = "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \"" + context
            + "\", \"qas\": [{\"id\": \"1\", \"question\": \"\u732B\u5728\u54EA\uFF1F\", \"answers\": [{\"text\": "
            + "\"\u5728\u5BB6\", \"answer_start\": 3}]}]}]}]}";
        final SquadJson.Item item = SquadJson.read(file(json)).items().get(0);
        assertEquals(4, item.answerStart());
        assertEquals("\u5728\u5BB6", item.context().substring(item.answerStart(), item.answerStart() + 2));
        SquadJson.write(dir.resolve("again.json"), "1.1", List.of(item));
        assertTrue(Files.readString(dir.resolve("again.json")).contains("\"answer_start\": 3"));
        assertEquals(List.of(item), SquadJson.read(dir.resolve("again.json")).items());
    }

    @Test
    void writtenFilesReadBackTheSameGroupedByTitleAndContext() throws IOException {
        final List<SquadJson.Item> items = List.of(
            new SquadJson.Item("a", "T1", "red fish swim", "what swims?", "red fish", 0, List.of()),
            new SquadJson.Item("b", "T1", "red fish swim", "what do fish do?", "swim", 9, List.of()),
            new SquadJson.Item("c", "T2", "\u6211\u559C\u6B22\u732B\u3002", "\u6211\u559C\u6B22\u4EC0\u4E48\uFF1F",
                "\u732B", 3, List.of()));
        final Path f = dir.resolve("out.json");
        SquadJson.write(f, "test", items);
        final String text = Files.readString(f);
        assertTrue(text.contains("\u6211\u559C\u6B22\u732B"), "Chinese is written as it is, not escaped");
        assertEquals(1, text.split("\"context\"", -1).length - 2, "one shared paragraph for a and b, one for c");
        final SquadJson.Contents back = SquadJson.read(f);
        assertEquals(items, back.items());
        assertEquals("test", back.version());
        assertTrue(SquadJson.isJson(f));
    }

    @Test
    void misplacedAndMissingAnswersAreLeftOutAndListed() throws IOException {
        final SquadJson.Contents c = SquadJson.read(file(squad(
            "{\"id\": \"ok\", \"question\": \"What sat?\", \"answers\": [{\"text\": \"cat\", \"answer_start\": 4}]},"
                + "{\"id\": \"off\", \"question\": \"What sat?\", \"answers\": [{\"text\": \"cat\", \"answer_start\": 5}]},"
                + "{\"id\": \"out\", \"question\": \"What?\", \"answers\": [{\"text\": \"mat\", \"answer_start\": 99}]},"
                + "{\"id\": \"none\", \"question\": \"Why?\", \"answers\": []}")));
        assertEquals(1, c.items().size());
        assertEquals(3, c.problems().size());
        assertTrue(c.problems().get(0).contains("data[0].paragraphs[0].qas[1] (id off).answers[0]: the answer 'cat' "
            + "is not at answer_start 5 of its context (the context there reads 'at '"), c.problems().get(0));
        assertTrue(c.problems().get(1).contains("the context has 27 characters"), c.problems().get(1));
        assertTrue(c.problems().get(2).contains("(id none): no answer"), c.problems().get(2));
    }

    @Test
    void brokenFilesNameTheFileTheItemAndTheFault() throws IOException {
        assertMessage(file("{\"data\": [ {\"title\": "), "squad.json: not valid JSON");
        assertMessage(file("[1, 2]"), "squad.json the file: expected a JSON object, found a list");
        assertMessage(file("{\"version\": \"1.1\"}"), "squad.json the file: \"data\" must be a list and is missing; "
            + "a SQuAD file is");
        assertMessage(file(squad("{\"id\": \"q1\", \"answers\": [{\"text\": \"cat\", \"answer_start\": 4}]}")),
            "squad.json data[0].paragraphs[0].qas[0] (id q1): \"question\" must be a text and is missing");
        assertMessage(file(squad("{\"id\": \"q1\", \"question\": \"What?\", \"answers\": [{\"text\": \"cat\", "
            + "\"answer_start\": \"four\"}]}")), "squad.json data[0].paragraphs[0].qas[0] (id q1).answers[0]: "
                + "\"answer_start\" must be an integer character offset, found \"four\"");
        assertMessage(file(squad("{\"id\": \"q1\", \"question\": \"What?\", \"answers\": [{\"text\": \"dog\", "
            + "\"answer_start\": 4}]}")), "squad.json: no usable question: all 1 were left out, e.g. ");
        assertMessage(file("{\"data\": []}"), "no usable question (the file has no \"qas\" entries)");
        final IOException missing = assertThrows(IOException.class, () -> SquadJson.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().endsWith("nope.json: no such file"), missing.getMessage());
    }

    @Test
    void aTsvTableIsNotTakenForJson() throws IOException {
        final Path tsv = dir.resolve("qa.tsv");
        Files.writeString(tsv, "question\tcontext\tanswer_text\tanswer_start\n");
        assertFalse(SquadJson.isJson(tsv));
        assertTrue(SquadJson.isJson(file("\uFEFF  " + squad(""))));
    }

    private static void assertMessage(final Path file, final String expected) {
        final IOException e = assertThrows(IOException.class, () -> SquadJson.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

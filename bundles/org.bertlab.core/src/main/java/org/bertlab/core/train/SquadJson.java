package org.bertlab.core.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.StringUtils;

import org.bertlab.core.io.JsonValues;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads and writes extractive QA data in the SQuAD v1.1 JSON format (Rajpurkar et al. 2016), which DRCD (Shao et
 * al. 2018) and many other reading-comprehension sets use too:
 * {@code {"data": [{"title", "paragraphs": [{"context", "qas": [{"id", "question", "answers": [{"text",
 * "answer_start"}]}]}]}]}}.
 * <p>
 * A file that breaks this structure is an error naming the file and the item ({@code data[2].paragraphs[0].qas[5]},
 * with its id) and what is wrong. A question whose answer is not where {@code answer_start} says, or that has no
 * answer (SQuAD 2.0's unanswerable questions), is left out and listed in {@link Contents#problems()}; the first
 * answer is the one trained on, the others are further gold answers for evaluation. {@code answer_start} counts
 * Unicode code points, as Python strings do; it is converted to Java's UTF-16 offsets, which differ after a
 * character outside the Basic Multilingual Plane.
 * <p>
 * The rows ({@link Item}) are table-shaped ({@link #COLUMNS}, {@link Item#cells()}), so a KNIME node can turn a
 * file into the table the QA fine-tuning takes.
 */
public final class SquadJson {

    /** The table columns of {@link Item#cells()}. */
    public static final List<String> COLUMNS = List.of("id", "title", "context", "question", "answer_text",
        "answer_start", "other_answers");

    /** Problems listed in full in an error message; the rest are counted. */
    private static final int LISTED_PROBLEMS = 5;

    private SquadJson() {
    }

    /**
     * One question with its context and answers, as one table row.
     *
     * @param answerStart UTF-16 offset of {@code answerText} in {@code context} (Java's string index)
     * @param otherAnswers texts of the further gold answers
     */
    public record Item(String id, String title, String context, String question, String answerText,
        int answerStart, List<String> otherAnswers) {

        public Item {
            otherAnswers = List.copyOf(otherAnswers);
        }

        public QaExample example() {
            return new QaExample(question, context, answerText, answerStart, otherAnswers);
        }

        /** The row in {@link #COLUMNS} order; other answers joined by " | ". */
        public List<String> cells() {
            return List.of(id, title, context, question, answerText, String.valueOf(answerStart),
                String.join(" | ", otherAnswers));
        }
    }

    /**
     * What a file held.
     *
     * @param version the file's "version" field, or empty
     * @param items the usable questions in file order
     * @param problems one line per question left out, naming its place in the file and why
     */
    public record Contents(String version, List<Item> items, List<String> problems) {

        public Contents {
            items = List.copyOf(items);
            problems = List.copyOf(problems);
        }

        public List<QaExample> examples() {
            return items.stream().map(Item::example).toList();
        }
    }

    /** True when the file's first non-blank character opens a JSON object (else it is read as a TSV table). */
    public static boolean isJson(final Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c == '{';
                }
            }
            return false;
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
    }

    /**
     * Reads a SQuAD v1.1 file.
     *
     * @throws IOException naming the file, the item and the fault when the file is not SQuAD JSON or holds no usable
     *     question
     */
    public static Contents read(final Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
    }

    /** Reads a SQuAD v1.1 resource or stream; {@code source} names it in messages. */
    public static Contents read(final InputStream in, final String source) throws IOException {
        if (in == null) {
            throw new IOException(source + ": not found");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(r, source);
        }
    }

    public static Contents read(final Reader in, final String source) throws IOException {
        final StringWriter text = new StringWriter();
        in.transferTo(text);
        final JsonElement root;
        try {
            root = JsonParser.parseString(StringUtils.removeStart(text.toString(), "\uFEFF"));
        } catch (JsonParseException e) {
            throw new IOException(source + ": not valid JSON (" + rootCause(e) + ")", e);
        }
        final JsonObject top = object(root, source, "the file");
        final JsonArray data = array(top, "data", source, "the file");
        final String version = top.has("version") && top.get("version").isJsonPrimitive()
            ? top.get("version").getAsString() : "";
        final List<Item> items = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int questions = 0;
        for (int a = 0; a < data.size(); a++) {
            final String at = "data[" + a + "]";
            final JsonObject article = object(data.get(a), source, at);
            final String title = article.has("title") ? string(article, "title", source, at) : "";
            final JsonArray paragraphs = array(article, "paragraphs", source, at);
            for (int p = 0; p < paragraphs.size(); p++) {
                final String pat = at + ".paragraphs[" + p + "]";
                final JsonObject paragraph = object(paragraphs.get(p), source, pat);
                final String context = string(paragraph, "context", source, pat);
                final JsonArray qas = array(paragraph, "qas", source, pat);
                for (int q = 0; q < qas.size(); q++) {
                    questions++;
                    final JsonObject qa = object(qas.get(q), source, pat + ".qas[" + q + "]");
                    final String id = qa.has("id") ? scalar(qa.get("id")) : "";
                    final String qat = pat + ".qas[" + q + "]" + (id.isEmpty() ? "" : " (id " + id + ")");
                    final String question = string(qa, "question", source, qat);
                    final Item item = item(id, title, context, question, array(qa, "answers", source, qat), source,
                        qat, problems);
                    if (item != null) {
                        items.add(item);
                    }
                }
            }
        }
        if (items.isEmpty()) {
            throw new IOException(source + ": no usable question" + (questions == 0 ? " (the file has no \"qas\" "
                + "entries)" : ": all " + questions + " were left out, e.g. " + String.join("; ",
                    problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size())))));
        }
        return new Contents(version, items, problems);
    }

    private static Item item(final String id, final String title, final String context, final String question,
        final JsonArray answers, final String source, final String at, final List<String> problems)
        throws IOException {
        if (answers.isEmpty()) {
            problems.add(source + " " + at + ": no answer (unanswerable questions, as in SQuAD 2.0, are not "
                + "supported)");
            return null;
        }
        String first = null;
        int firstStart = -1;
        final List<String> others = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            final String aat = at + ".answers[" + i + "]";
            final JsonObject answer = object(answers.get(i), source, aat);
            final String text = string(answer, "text", source, aat);
            final JsonElement start = answer.get("answer_start");
            if (start == null || !start.isJsonPrimitive() || !start.getAsJsonPrimitive().isNumber()
                || start.getAsDouble() != Math.rint(start.getAsDouble())) {
                throw new IOException(source + " " + aat + ": \"answer_start\" must be an integer character offset"
                    + (start == null ? " and is missing" : ", found " + start));
            }
            if (i > 0) {
                others.add(text);
                continue;
            }
            final int codePoints = start.getAsInt();
            final int utf16 = utf16Offset(context, codePoints);
            if (StringUtils.isBlank(text) || utf16 < 0 || !context.startsWith(text, utf16)) {
                problems.add(source + " " + aat + ": the answer '" + StringUtils.abbreviate(text, 40)
                    + "' is not at answer_start " + codePoints + " of its context" + (utf16 < 0
                        ? " (the context has " + context.codePointCount(0, context.length()) + " characters)"
                        : " (the context there reads '" + StringUtils.abbreviate(context.substring(utf16,
                            Math.min(context.length(), utf16 + Math.max(1, text.length()))), 40) + "')"));
                return null;
            }
            first = text;
            firstStart = utf16;
        }
        return new Item(id, title, context, question, first, firstStart, others);
    }

    /** The UTF-16 index of a code-point offset, or -1 when it lies outside the text. */
    static int utf16Offset(final String text, final int codePoints) {
        if (codePoints < 0 || codePoints > text.codePointCount(0, text.length())) {
            return -1;
        }
        return text.offsetByCodePoints(0, codePoints);
    }

    /**
     * Writes items as a SQuAD v1.1 file (UTF-8, non-ASCII characters as they are): consecutive items with the same
     * title form one article, and with the same context one paragraph; {@code answer_start} is written in code
     * points.
     */
    public static void write(final Path file, final String version, final List<Item> items) throws IOException {
        final JsonArray data = new JsonArray();
        JsonObject article = null;
        JsonObject paragraph = null;
        String title = null;
        String context = null;
        for (final Item item : items) {
            if (article == null || !item.title().equals(title)) {
                article = new JsonObject();
                article.addProperty("title", item.title());
                article.add("paragraphs", new JsonArray());
                data.add(article);
                title = item.title();
                paragraph = null;
            }
            if (paragraph == null || !item.context().equals(context)) {
                paragraph = new JsonObject();
                paragraph.addProperty("context", item.context());
                paragraph.add("qas", new JsonArray());
                article.getAsJsonArray("paragraphs").add(paragraph);
                context = item.context();
            }
            final JsonObject qa = new JsonObject();
            final JsonArray answers = new JsonArray();
            final JsonObject answer = new JsonObject();
            answer.addProperty("text", item.answerText());
            answer.addProperty("answer_start", item.context().codePointCount(0, item.answerStart()));
            answers.add(answer);
            qa.add("answers", answers);
            qa.addProperty("question", item.question());
            qa.addProperty("id", item.id());
            paragraph.getAsJsonArray("qas").add(qa);
        }
        final JsonObject top = new JsonObject();
        top.add("data", data);
        top.addProperty("version", version);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(top, out);
            out.write("\n");
        }
    }

    private static JsonObject object(final JsonElement e, final String source, final String at) throws IOException {
        if (e == null || !e.isJsonObject()) {
            throw new IOException(source + " " + at + ": expected a JSON object, found " + JsonValues.describe(e));
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(final JsonObject o, final String key, final String source, final String at)
        throws IOException {
        final JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IOException(source + " " + at + ": \"" + key + "\" must be a list"
                + (e == null ? " and is missing" : ", found " + JsonValues.describe(e))
                + ("data".equals(key) ? "; a SQuAD file is {\"data\": [{\"title\", \"paragraphs\": [...]}]}" : ""));
        }
        return e.getAsJsonArray();
    }

    private static String string(final JsonObject o, final String key, final String source, final String at)
        throws IOException {
        final JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IOException(source + " " + at + ": \"" + key + "\" must be a text"
                + (e == null ? " and is missing" : ", found " + JsonValues.describe(e)));
        }
        return e.getAsString();
    }

    private static String scalar(final JsonElement e) {
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static String rootCause(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}

package org.bertlab.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bertlab.core.io.TextLines;

/**
 * Reads the training tables of the command line: UTF-8, tab separated, a header row naming the columns (in any
 * order; further columns are ignored):
 * <ul>
 * <li>classify: {@code text}, optional {@code text_pair}, {@code label};</li>
 * <li>qa: {@code question}, {@code context}, {@code answer_text}, {@code answer_start} (an integer, or empty or -1
 * for "the first occurrence");</li>
 * <li>mlm / pretrain: {@code text}; a file without a {@code text} header is read as one text per line, so an
 * artificial corpus written by {@code bertlab corpus} is read as it is.</li>
 * </ul>
 * A row with too few fields or a malformed number is an error naming file, line and column; empty cells are kept
 * (the trainer skips and counts them).
 */
public final class TrainingTables {

    private TrainingTables() {
    }

    public static List<ClassificationExample> readClassification(final Path file) throws IOException {
        final Table t = Table.read(file);
        final int text = t.column("text", true);
        final int pair = t.column("text_pair", false);
        final int label = t.column("label", true);
        final List<ClassificationExample> rows = new ArrayList<>();
        for (int r = 0; r < t.rows.size(); r++) {
            final String[] f = t.rows.get(r);
            rows.add(new ClassificationExample(t.field(f, r, text), pair < 0 ? null : t.field(f, r, pair),
                t.field(f, r, label)));
        }
        return rows;
    }

    public static List<QaExample> readQa(final Path file) throws IOException {
        final Table t = Table.read(file);
        final int question = t.column("question", true);
        final int context = t.column("context", true);
        final int answer = t.column("answer_text", true);
        final int start = t.column("answer_start", true);
        final List<QaExample> rows = new ArrayList<>();
        for (int r = 0; r < t.rows.size(); r++) {
            final String[] f = t.rows.get(r);
            final String s = t.field(f, r, start).strip();
            final int offset;
            try {
                offset = s.isEmpty() ? -1 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + t.lines.get(r) + ", column " + (start + 1)
                    + " (answer_start): '" + s + "' is not an integer character offset");
            }
            rows.add(new QaExample(t.field(f, r, question), t.field(f, r, context), t.field(f, r, answer), offset));
        }
        return rows;
    }

    public static List<TextExample> readTexts(final Path file) throws IOException {
        final List<String> lines = readLines(file);
        if (!lines.isEmpty() && Arrays.asList(lines.get(0).split("\t", -1)).stream()
            .anyMatch(h -> h.strip().equalsIgnoreCase("text"))) {
            final Table t = Table.read(file);
            final int text = t.column("text", true);
            final List<TextExample> rows = new ArrayList<>();
            for (int r = 0; r < t.rows.size(); r++) {
                rows.add(new TextExample(t.field(t.rows.get(r), r, text)));
            }
            return rows;
        }
        return lines.stream().map(TextExample::new).toList();
    }

    /** Strict UTF-8, line by line: a bad byte is reported with the file and its line. */
    private static List<String> readLines(final Path file) throws IOException {
        return TextLines.readAll(file);
    }

    /** A parsed table: header, rows (blank lines dropped) and each row's 1-based line number. */
    private static final class Table {
        private final Path file;
        private final List<String> header;
        private final List<String[]> rows = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();

        private Table(final Path file, final List<String> header) {
            this.file = file;
            this.header = header;
        }

        static Table read(final Path file) throws IOException {
            final List<String> all = readLines(file);
            if (all.isEmpty()) {
                throw new IOException(file + ": the file is empty; it needs a header row naming the columns");
            }
            final Table t = new Table(file, Arrays.stream(all.get(0).split("\t", -1))
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList());
            for (int i = 1; i < all.size(); i++) {
                if (!all.get(i).isBlank()) {
                    t.rows.add(all.get(i).split("\t", -1));
                    t.lines.add(i + 1);
                }
            }
            return t;
        }

        int column(final String name, final boolean required) throws IOException {
            final int i = header.indexOf(name);
            if (i < 0 && required) {
                throw new IOException(file + " line 1: the header has no column '" + name + "' (found: "
                    + String.join(", ", header) + ")");
            }
            return i;
        }

        String field(final String[] fields, final int row, final int column) throws IOException {
            if (column >= fields.length) {
                throw new IOException(file + " line " + lines.get(row) + ", column " + (column + 1) + " ("
                    + header.get(column) + "): missing; the row has " + fields.length + " field(s) but the header "
                    + header.size() + " (a tab inside a text?)");
            }
            return fields[column];
        }
    }
}

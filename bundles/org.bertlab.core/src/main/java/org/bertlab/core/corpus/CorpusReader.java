package org.bertlab.core.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * Reads the line format of {@link CorpusWriter}: a line with a TAB is {@code label<TAB>body}, otherwise it is a
 * body alone; a body of decimal numbers separated by single spaces is an integer-id sequence, a body of the
 * letters A, C, G, T is a DNA sequence. Malformed lines are reported with file and line number.
 */
public final class CorpusReader {

    private CorpusReader() {
    }

    /**
     * @param file a corpus file
     * @return all its sequences
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming file and line of a malformed line
     */
    public static List<Sequence> read(Path file) throws IOException {
        try (Stream<Sequence> sequences = stream(file)) {
            return sequences.toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads lazily; close the stream to close the file.
     *
     * @param file a corpus file
     * @return its sequences in file order
     * @throws IOException when the file cannot be opened
     */
    public static Stream<Sequence> stream(Path file) throws IOException {
        Validate.notNull(file, "file must not be null");
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        int[] lineNumber = {0};
        return in.lines().map(line -> parse(line, file, ++lineNumber[0])).onClose(() -> {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * @param line one line without line end
     * @param file the file, for the error message
     * @param lineNumber 1-based, for the error message
     * @return the sequence on the line
     */
    static Sequence parse(String line, Path file, int lineNumber) {
        String where = file + " line " + lineNumber + ": ";
        OptionalInt label = OptionalInt.empty();
        String body = line;
        int tab = line.indexOf('\t');
        if (tab >= 0) {
            String labelText = line.substring(0, tab);
            if (!StringUtils.isNumeric(labelText)) {
                throw new IllegalArgumentException(where + "label '" + labelText + "' is not a non-negative integer");
            }
            label = OptionalInt.of(parseInt(labelText, where));
            body = line.substring(tab + 1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException(where + "the sequence is empty");
        }
        if (StringUtils.containsOnly(body, TokenAlphabet.DNA_LETTERS)) {
            int[] ids = body.chars().map(c -> TokenAlphabet.dnaId((char) c)).toArray();
            return new Sequence(ids, TokenAlphabet.DNA, label);
        }
        String[] fields = body.split(" ", -1);
        int[] ids = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (!StringUtils.isNumeric(fields[i])) {
                throw new IllegalArgumentException(where + "token " + (i + 1) + " '" + fields[i]
                        + "' is neither a non-negative integer id nor a line of A/C/G/T letters"
                        + " (ids are separated by single spaces)");
            }
            ids[i] = parseInt(fields[i], where);
        }
        return new Sequence(ids, TokenAlphabet.INTEGER_IDS, label);
    }

    private static int parseInt(String digits, String where) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "'" + digits + "' is too large for a token id or label", e);
        }
    }
}

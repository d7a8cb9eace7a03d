package org.bertlab.core.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The lines of a UTF-8 text file, decoded one line at a time (not through a Reader, which decodes ahead), so a byte
 * that is not UTF-8 is reported with the file and its line: "texts.txt, line 3: not valid UTF-8". Line ends are
 * {@code \n} or {@code \r\n}; a byte-order mark at the start is dropped. Streams, so a large input costs one line
 * of memory.
 */
public final class TextLines implements Iterator<String>, Closeable {

    private final InputStream in;

    private final String source;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private int lineNumber;

    private String next;

    private boolean ended;

    private TextLines(final InputStream in, final String source) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.source = source;
    }

    /**
     * Opens a file.
     *
     * @throws IOException naming the file when it does not exist or is not a regular file
     */
    public static TextLines open(final Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a text file.");
        }
        try {
            return new TextLines(Files.newInputStream(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such file");
        }
    }

    /** Reads a stream; {@code source} names it in messages. */
    public static TextLines of(final InputStream in, final String source) {
        return new TextLines(in, source);
    }

    /** Every line of a file. */
    public static List<String> readAll(final Path file) throws IOException {
        try (TextLines lines = open(file)) {
            return lines.rest();
        }
    }

    /** Every line of a stream; {@code source} names it in messages. */
    public static List<String> readAll(final InputStream in, final String source) throws IOException {
        try (TextLines lines = of(in, source)) {
            return lines.rest();
        }
    }

    private List<String> rest() throws IOException {
        final List<String> all = new ArrayList<>();
        while (hasNextLine()) {
            all.add(nextLine());
        }
        return all;
    }

    /** The 1-based number of the line last returned. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Like {@link #hasNext()}, with the checked exception. */
    public boolean hasNextLine() throws IOException {
        if (next == null && !ended) {
            next = read();
            ended = next == null;
        }
        return next != null;
    }

    /** Like {@link #next()}, with the checked exception. */
    public String nextLine() throws IOException {
        if (!hasNextLine()) {
            throw new NoSuchElementException();
        }
        final String result = next;
        next = null;
        return result;
    }

    @Override
    public boolean hasNext() {
        try {
            return hasNextLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String next() {
        try {
            return nextLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (lineNumber == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new TextFormatException(source + ", line " + lineNumber + ": not valid UTF-8. Save the file as "
                + "UTF-8 and try again.", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A text file that is not what it should be; the message names the file and the line. */
    public static final class TextFormatException extends IOException {

        private static final long serialVersionUID = 1L;

        public TextFormatException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}

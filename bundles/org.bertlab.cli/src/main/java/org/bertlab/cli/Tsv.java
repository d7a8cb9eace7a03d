package org.bertlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.io.OutputFile;

/**
 * A TSV file with a header row, written through the engine's {@link OutputFile}: to a temporary file beside the
 * target, moved into place on {@link #commit()}, so a failed, cancelled or killed command never leaves a half-written
 * table, and never replaces an input, a symlink or a special file. Tabs and newlines inside values are replaced by
 * spaces.
 */
public final class Tsv implements AutoCloseable {

    private final OutputFile file;

    private final BufferedWriter writer;

    private final int columns;

    /**
     * @param target the file to write
     * @param header the column names
     * @param inputs the files the command read, which the table must not replace
     */
    public Tsv(final Path target, final List<String> header, final Collection<Path> inputs) throws IOException {
        this.file = OutputFile.open(target, inputs);
        this.writer = file.writer();
        this.columns = header.size();
        try {
            row(header.toArray());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Writes one row; the number of values must match the header. */
    public void row(final Object... values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values, header " + columns);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write('\t');
            }
            writer.write(clean(values[i]));
        }
        writer.write('\n');
    }

    private static String clean(final Object value) {
        return StringUtils.replaceChars(String.valueOf(value), "\t\r\n", "   ");
    }

    /** Moves the finished file into place. */
    public void commit() throws IOException {
        file.commit();
    }

    /** Without a commit, removes the temporary file. */
    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Floats joined by single spaces, as {@link Float#toString(float)} prints them. */
    public static String vector(final float[] values) {
        final StringBuilder b = new StringBuilder(values.length * 12);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(values[i]);
        }
        return b.toString();
    }
}

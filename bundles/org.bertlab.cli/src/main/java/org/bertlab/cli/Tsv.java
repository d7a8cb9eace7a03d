package org.bertlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.commons.lang3.StringUtils;

/**
 * A TSV file with a header row, written to a temporary file beside the target and moved into place on
 * {@link #commit()}, so a failed or cancelled command never leaves a half-written table. Tabs and newlines inside
 * values are replaced by spaces.
 */
public final class Tsv implements AutoCloseable {

    private final Path target;

    private final Path temporary;

    private final BufferedWriter writer;

    private final int columns;

    private boolean committed;

    public Tsv(final Path target, final List<String> header) throws IOException {
        this.target = target.toAbsolutePath();
        Files.createDirectories(this.target.getParent());
        this.temporary = Files.createTempFile(this.target.getParent(), "." + target.getFileName(), ".part");
        this.writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        this.columns = header.size();
        row(header.toArray());
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
        writer.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            writer.close();
            Files.deleteIfExists(temporary);
        }
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

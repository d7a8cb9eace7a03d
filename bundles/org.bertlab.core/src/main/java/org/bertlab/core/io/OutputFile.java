package org.bertlab.core.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collection;
import java.util.List;

/**
 * One output file, written safely: the checks of {@link OutputRules} first, then a hidden temporary sibling
 * ({@code .NAME.RANDOM.part}) that {@link #commit()} moves over the target atomically. Closing without a commit
 * (failure, cancel) removes the temporary; a JVM shutdown removes it through {@link Temporaries}. The temporary is
 * created with the default permissions (the umask applies); a file it replaces keeps its permissions.
 *
 * <pre>
 * try (OutputFile out = OutputFile.open(target, inputs)) {
 *     out.writer().write(...);
 *     out.commit();
 * }
 * </pre>
 */
public final class OutputFile implements AutoCloseable {

    private final Path target;

    private final Path temporary;

    private final FileChannel channel;

    private final OutputStream stream;

    private BufferedWriter writer;

    private boolean finished;

    private OutputFile(final Path target, final Path temporary, final FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /**
     * Checks the target and opens its temporary.
     *
     * @param target the file to write (a symlink is written through)
     * @param inputs the files and folders the run reads, which the output must not be
     * @throws OutputRefusedException when the output would destroy something or cannot be written
     */
    public static OutputFile open(final Path target, final Collection<Path> inputs) throws IOException {
        final Path file = OutputRules.checkFile(target, inputs);
        final Path temporary = Temporaries.createBeside(file, "part", false);
        try {
            keepPermissions(file, temporary);
            return new OutputFile(file, temporary, FileChannel.open(temporary, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Temporaries.remove(temporary);
            throw e;
        }
    }

    /** Writes a whole text file (UTF-8) safely. */
    public static void writeString(final Path target, final Collection<Path> inputs, final String text)
        throws IOException {
        try (OutputFile out = open(target, inputs)) {
            out.writer().write(text);
            out.commit();
        }
    }

    /** Writes a whole binary file safely. */
    public static void writeBytes(final Path target, final Collection<Path> inputs, final byte[] bytes)
        throws IOException {
        try (OutputFile out = open(target, inputs)) {
            out.stream().write(bytes);
            out.commit();
        }
    }

    /** Writes a whole binary file safely, with no inputs to compare against. */
    public static void writeBytes(final Path target, final byte[] bytes) throws IOException {
        writeBytes(target, List.of(), bytes);
    }

    /** A file being replaced keeps its permissions: a private file must not become readable by others. */
    private static void keepPermissions(final Path file, final Path temporary) throws IOException {
        if (Files.isRegularFile(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
        }
    }

    /** The bytes of the file. */
    public OutputStream stream() {
        return stream;
    }

    /** A UTF-8 writer on the file (the same one on every call). */
    public BufferedWriter writer() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        }
        return writer;
    }

    /** The file that {@link #commit()} replaces (a symlink's destination where the user named a link). */
    public Path target() {
        return target;
    }

    /** The temporary being written (for libraries that want a file name). */
    public Path temporary() {
        return temporary;
    }

    /** Finishes the file and moves it into place. */
    public void commit() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        stream.flush();
        // On disk before the rename, so a crash leaves the old file or the new one, never an empty one.
        channel.force(true);
        stream.close();
        // Checked again: something may have appeared at the target while this run worked.
        OutputRules.refuseSpecial(target);
        if (Files.isDirectory(target)) {
            throw new OutputRefusedException(target + " is a folder now; the output was not moved there.");
        }
        Temporaries.moveIntoPlace(temporary, target, true);
        finished = true;
    }

    /** Without a commit, removes the temporary. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            stream.close();
        } finally {
            Temporaries.remove(temporary);
        }
    }
}

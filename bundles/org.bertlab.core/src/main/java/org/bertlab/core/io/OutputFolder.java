package org.bertlab.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.lang3.StringUtils;

/**
 * A folder of files the engine writes (a saved model), written safely. The files are written into a hidden staging
 * folder beside the target; {@link #commit()} then
 * <ul>
 * <li>moves the staging folder into place atomically when the target does not exist, or else</li>
 * <li>moves each file over its namesake in the existing folder, atomically per file, leaving every other file
 * alone, and removes files that an earlier save listed but this one no longer writes.</li>
 * </ul>
 * Every folder written carries {@value #MARKER}, the list of files the engine wrote there. An existing non-empty
 * folder without that list holds someone else's files: it is refused unless {@code overwrite} is set, and even then
 * only the files being written are replaced.
 */
public final class OutputFolder implements AutoCloseable {

    /** The list of files the engine wrote into a folder. */
    public static final String MARKER = "bertlab-files.txt";

    private static final String MARKER_HEADER = "# Written by BERT Transfer Lab. Saving a model here again replaces "
        + "exactly these files and no others.";

    private final Path target;

    private final Path staging;

    private final Collection<Path> inputs;

    private final boolean overwrite;

    private final Set<String> ownNames;

    private boolean finished;

    private OutputFolder(final Path target, final Path staging, final Collection<Path> inputs,
        final boolean overwrite, final Set<String> ownNames) {
        this.target = target;
        this.staging = staging;
        this.inputs = inputs;
        this.overwrite = overwrite;
        this.ownNames = ownNames;
    }

    /**
     * Checks that a folder may receive the files, without writing anything: call it before a long computation so a
     * refused output fails fast.
     *
     * @param target the folder
     * @param inputs files and folders the run reads
     * @param overwrite whether the files may go into a non-empty folder the engine did not write
     * @return the folder that will be written (a symlink's destination where the user named a link)
     */
    public static Path check(final Path target, final Collection<Path> inputs, final boolean overwrite)
        throws IOException {
        final Path folder = OutputRules.checkFolder(target, inputs);
        if (Files.isDirectory(folder) && !overwrite) {
            final List<String> present = list(folder);
            if (!present.isEmpty() && !present.contains(MARKER)) {
                throw new OutputRefusedException(folder + " already holds files that BERT Transfer Lab did not write "
                    + "(" + StringUtils.abbreviate(String.join(", ", present), 120) + "); they are left alone. Give a "
                    + "new or empty folder, or allow {overwrite} to replace only the model's own files "
                    + "there.");
            }
        }
        return folder;
    }

    /**
     * Checks the target and creates the staging folder.
     *
     * @param ownNames every file name this writer may ever write there (only these are removed when an earlier
     * save's list names them and this save does not)
     */
    public static OutputFolder open(final Path target, final Collection<Path> inputs, final boolean overwrite,
        final Set<String> ownNames) throws IOException {
        final Path folder = check(target, inputs, overwrite);
        final Path staging = Temporaries.createBeside(folder, "saving", true);
        return new OutputFolder(folder, staging, OutputRules.nonNull(inputs), overwrite, Set.copyOf(ownNames));
    }

    /** The folder to write the files into. */
    public Path staging() {
        return staging;
    }

    /** The folder the files end up in. */
    public Path target() {
        return target;
    }

    /** Moves the written files into place. */
    public void commit() throws IOException {
        final List<String> names = list(staging);
        if (names.contains(MARKER)) {
            throw new IllegalStateException(MARKER + " is written by the folder itself");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            writeMarker(names);
            Temporaries.moveIntoPlace(staging, target, false);
            finished = true;
            return;
        }
        check(target, inputs, overwrite);
        for (final String name : names) {
            refuseReplacing(target.resolve(name));
        }
        final Set<String> earlier = readMarker(target);
        for (final String name : names) {
            Temporaries.moveIntoPlace(staging.resolve(name), target.resolve(name), true);
        }
        for (final String name : earlier) {
            final Path stale = target.resolve(name);
            if (!names.contains(name) && ownNames.contains(name) && Files.isRegularFile(stale,
                LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(stale);
            }
        }
        writeMarker(names);
        Temporaries.moveIntoPlace(staging.resolve(MARKER), target.resolve(MARKER), true);
        Temporaries.remove(staging);
        finished = true;
    }

    /** A file about to be replaced must be a regular file (not a link, folder or device) and not an input. */
    private void refuseReplacing(final Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(file + " is not a regular file (a link, folder or special file); it "
                + "is not replaced. Move it away or save to another folder.");
        }
        OutputRules.refuseInputs(file, inputs, file);
    }

    private void writeMarker(final List<String> names) throws IOException {
        final List<String> lines = new ArrayList<>();
        lines.add(MARKER_HEADER);
        lines.addAll(names);
        Files.write(staging.resolve(MARKER), lines, StandardCharsets.UTF_8);
    }

    /** The plain file names an earlier save listed; anything else in the list (paths, "..") is ignored. */
    static Set<String> readMarker(final Path folder) {
        final Set<String> names = new TreeSet<>();
        final Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try {
            for (final String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                final String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#") && !name.startsWith(".")
                    && StringUtils.containsNone(name, '/', '\\', '\0') && !name.equals(MARKER)) {
                    names.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable list only means no stale file is removed.
        }
        return names;
    }

    private static List<String> list(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Without a commit, removes the staging folder and what it holds. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            Temporaries.remove(staging);
        }
    }
}

package org.bertlab.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The checks every output passes before anything is written: a name is given, it is not an input, not a special
 * file (FIFO, device, socket), not a folder where a file is expected, and its folder is writable. A symlink is
 * written through: the file it points to is replaced, the link stays.
 */
public final class OutputRules {

    private OutputRules() {
    }

    /**
     * Checks an output file.
     *
     * @param target the file the user named
     * @param inputs the files and folders this run reads (null entries are ignored)
     * @return the file to replace: {@code target} made absolute, or the file a symlink points to
     * @throws OutputRefusedException saying why the output would destroy something
     */
    public static Path checkFile(final Path target, final Collection<Path> inputs) throws IOException {
        final Path file = resolve(target);
        if (Files.isDirectory(file)) {
            throw new OutputRefusedException(file + " is a folder; give the name of a file to write.");
        }
        refuseSpecial(file);
        refuseInputs(file, inputs, target);
        checkFolder(file.getParent());
        return file;
    }

    /**
     * Checks an output folder (for a saved model): not empty-named, not a file, not an input.
     *
     * @return the folder to write into: {@code target} made absolute, or the folder a symlink points to
     */
    public static Path checkFolder(final Path target, final Collection<Path> inputs) throws IOException {
        final Path folder = resolve(target);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new OutputRefusedException(folder + " is a file, not a folder; a model is saved as a folder. Give "
                + "the name of a new or empty folder.");
        }
        for (final Path input : nonNull(inputs)) {
            if (Files.exists(input) && Files.exists(folder) && Files.isSameFile(input, folder)) {
                throw new OutputRefusedException(folder + " is also an input of this run; save to another folder.");
            }
        }
        checkFolder(folder.getParent());
        return folder;
    }

    /** Refuses an empty name and resolves a symlink to what it points to. */
    static Path resolve(final Path target) throws IOException {
        if (target == null || target.toString().isBlank()) {
            throw new OutputRefusedException("The output name is empty; give a file or folder name.");
        }
        final Path absolute = target.toAbsolutePath();
        if (!Files.isSymbolicLink(absolute)) {
            return absolute;
        }
        try {
            return absolute.toRealPath();
        } catch (NoSuchFileException e) {
            throw new OutputRefusedException(absolute + " is a symbolic link to " + Files.readSymbolicLink(absolute)
                + ", which does not exist; the link is not replaced. Create the file it points to or give "
                + "another name.");
        }
    }

    /** Refuses FIFOs, devices and sockets: writing there would block, or destroy what they stand for. */
    static void refuseSpecial(final Path file) throws OutputRefusedException {
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
            throw new OutputRefusedException(file + " is a special file (a device, FIFO or socket), not a regular "
                + "file; refusing to write to it. Give the name of a regular file.");
        }
    }

    /** Refuses an output that is an input, or an existing file inside an input folder (a model's own files). */
    static void refuseInputs(final Path file, final Collection<Path> inputs, final Path named) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        final Path real = file.toRealPath();
        for (final Path input : nonNull(inputs)) {
            if (!Files.exists(input)) {
                continue;
            }
            final Path in = input.toRealPath();
            if (in.equals(real)) {
                throw new OutputRefusedException(named + " is also an input of this run (" + input + "); writing "
                    + "it would destroy the input. Write the output to another file.");
            }
            if (Files.isDirectory(in) && real.startsWith(in)) {
                throw new OutputRefusedException(named + " is a file inside the input folder " + input + "; writing "
                    + "it would change the input. Write the output somewhere else.");
            }
        }
    }

    /** The folder an output goes into: absent (it is created) or a writable folder. */
    static void checkFolder(final Path folder) throws OutputRefusedException {
        if (folder == null) {
            return;
        }
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) || Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new OutputRefusedException(folder + " is not a folder, so nothing can be written inside it.");
            }
            if (!Files.isWritable(folder)) {
                throw new OutputRefusedException("Cannot write in the folder " + folder + ": it is read-only for "
                    + "this user. Choose another output folder or change its permissions.");
            }
        }
    }

    static List<Path> nonNull(final Collection<Path> paths) {
        return paths == null ? List.of() : paths.stream().filter(Objects::nonNull).toList();
    }
}

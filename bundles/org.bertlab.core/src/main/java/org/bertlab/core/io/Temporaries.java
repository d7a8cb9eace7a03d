package org.bertlab.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.lang3.StringUtils;

/**
 * The temporary files and folders of outputs being written, removed when the JVM shuts down (Ctrl-C, SIGTERM,
 * System.exit) before they were moved into place. Failure and cancel remove them earlier, in the writers' close.
 * Moving into place and the shutdown clean-up take the same lock, so a temporary is either moved or removed, never
 * half of each.
 */
public final class Temporaries {

    private static final Set<Path> LIVE = new LinkedHashSet<>();

    private static boolean hookInstalled;

    private Temporaries() {
    }

    /** Remembers a temporary to remove at shutdown. */
    /**
     * Creates and registers a hidden temporary beside {@code target} ({@code .NAME.RANDOM.SUFFIX}), a file or a
     * folder, with the default permissions (not Files.createTemp*: their owner-only permissions would carry over to
     * the target). A folder that refuses it (permission denied, read-only file system) is named in the error, not
     * the temporary.
     */
    static Path createBeside(final Path target, final String suffix, final boolean folder) throws IOException {
        final Path parent = target.getParent();
        Files.createDirectories(parent);
        final Path temporary = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + "." + suffix);
        try {
            if (folder) {
                Files.createDirectory(temporary);
            } else {
                Files.createFile(temporary);
            }
        } catch (FileSystemException e) {
            throw new OutputRefusedException("Cannot write in the folder " + parent + ": "
                + StringUtils.defaultIfBlank(e.getReason(), "permission denied")
                + ". Choose another output folder or change its permissions.");
        }
        register(temporary);
        return temporary;
    }

    public static synchronized void register(final Path temporary) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Temporaries::removeAll, "bertlab-temporaries"));
            hookInstalled = true;
        }
        LIVE.add(temporary);
    }

    /** Removes a temporary (a file, or a folder with what it holds) now and forgets it. */
    public static synchronized void remove(final Path temporary) throws IOException {
        LIVE.remove(temporary);
        deleteRecursively(temporary);
    }

    /**
     * Moves a registered temporary onto its target, atomically where the file system allows, and forgets it.
     *
     * @param replace whether an existing target may be replaced
     */
    public static synchronized void moveIntoPlace(final Path temporary, final Path target, final boolean replace)
        throws IOException {
        try {
            if (replace) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            // A sibling is on the same file system, so this only happens on exotic mounts.
            if (replace) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, target);
            }
        }
        LIVE.remove(temporary);
    }

    /** The temporaries not yet moved or removed (for tests and diagnostics). */
    public static synchronized List<Path> live() {
        return List.copyOf(LIVE);
    }

    private static synchronized void removeAll() {
        for (final Path p : List.copyOf(LIVE)) {
            try {
                deleteRecursively(p);
            } catch (IOException | RuntimeException e) {
                // Shutting down: nothing left to report to; the next one is still worth trying.
            }
        }
        LIVE.clear();
    }

    /** Deletes a file or a folder tree, never following symlinks out of it. */
    static void deleteRecursively(final Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

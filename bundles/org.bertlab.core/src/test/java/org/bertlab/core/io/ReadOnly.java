package org.bertlab.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a folder read-only for this user: by permissions, or for root (whom permissions do not stop) by the
 * immutable attribute.
 */
final class ReadOnly {

    private ReadOnly() {
    }

    static boolean isRoot() throws Exception {
        final Process p = new ProcessBuilder("id", "-u").start();
        return new String(p.getInputStream().readAllBytes()).strip().equals("0") && p.waitFor() == 0;
    }

    static void make(final Path folder) throws Exception {
        if (isRoot()) {
            run("chattr", "+i", folder.toString());
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
    }

    static void undo(final Path folder) throws Exception {
        if (isRoot()) {
            run("chattr", "-i", folder.toString());
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void run(final String... command) throws Exception {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }
}

package org.bertlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.bertlab.core.io.OutputRefusedException;
import org.bertlab.core.io.OutputRules;

/**
 * The output files of a command, checked before any work starts (a refused output should fail in a second, not after
 * an hour of computing): each passes {@link OutputRules#checkFile}, and no two outputs are the same file.
 */
final class Outputs {

    private Outputs() {
    }

    /** The non-null paths, for the input lists commands pass to their writers. */
    static List<Path> of(final Path... paths) {
        return Arrays.stream(paths).filter(Objects::nonNull).toList();
    }

    /**
     * @param inputs files and folders the command reads
     * @param outputs files it writes (null for an output not asked for)
     */
    static void check(final Collection<Path> inputs, final Path... outputs) throws IOException {
        final List<Path> seen = new ArrayList<>();
        for (final Path output : outputs) {
            if (output == null) {
                continue;
            }
            final Path resolved = OutputRules.checkFile(output, inputs);
            if (seen.contains(resolved)) {
                throw new OutputRefusedException(output + " is named for two outputs of this command; give each "
                    + "output its own file.");
            }
            seen.add(resolved);
        }
    }
}

package org.bertlab.core.train.experiment;

import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.model.InferenceBackends;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.runtime.TorchThreads;

/**
 * The outcome of one of the research experiments: a title, a table and notes (settings, data sizes, what a number
 * means), printed by the command line and written to docs/experiments.md.
 *
 * @param title what was compared
 * @param header column names
 * @param rows table rows, formatted
 * @param notes one line each
 */
public record ExperimentReport(String title, List<String> header, List<List<String>> rows, List<String> notes) {

    public ExperimentReport {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
    }

    /** The table as tab-separated lines, header first, then the notes prefixed by "# ". */
    public String format() {
        final List<String> lines = new ArrayList<>();
        lines.add("# " + title);
        lines.add(String.join("\t", header));
        rows.forEach(r -> lines.add(String.join("\t", r)));
        notes.forEach(n -> lines.add("# " + n));
        return String.join("\n", lines);
    }

    /**
     * The note naming native versions and thread counts: seeded runs are comparable to the last digit only under the
     * same ones on the same machine (another thread count or CPU adds in another order).
     */
    public static String runtime() {
        return "runtime: " + DjlRuntime.describe() + InferenceBackends.onnxRuntimeDescription().map(d -> "; " + d)
            .orElse("") + "; Java " + Runtime.version().feature();
    }

    /**
     * Experiments always run reproducibly: refuses to start when PyTorch's thread count was left dynamic
     * ({@code -Dbertlab.threads=dynamic}), under which the same seed can give another table on a loaded machine.
     */
    public static void requireReproducibleThreads() {
        if (!TorchThreads.fixed()) {
            throw new IllegalStateException("Experiments run with a fixed PyTorch thread count, so that the same seed "
                + "gives the same table: drop -D" + TorchThreads.PROPERTY + "=" + TorchThreads.DYNAMIC
                + " (or give a number, e.g. -D" + TorchThreads.PROPERTY + "=2).");
        }
    }

    public static String f(final double value) {
        return Double.isNaN(value) ? "" : String.format("%.3f", value);
    }
}

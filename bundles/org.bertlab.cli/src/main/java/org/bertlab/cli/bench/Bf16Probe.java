package org.bertlab.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bertlab.core.runtime.DjlRuntime;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Whether PyTorch, as DJL drives it, computes in bfloat16 on this machine, and how fast: the n×n matmul peak in fp32
 * and then in bf16, in a child JVM. A child because a runtime that cannot hold bf16 tensors may abort its process
 * (DJL 0.36's PyTorch bridge maps only its first nine data types to PyTorch's and ends the process on any other,
 * bfloat16 among them), and the benchmark must survive to report that.
 */
final class Bf16Probe {

    /** What the child printed and how it ended. */
    record Outcome(int exitCode, String output) {

        /** The value of {@code key=value} in the output, or NaN. */
        double value(final String key) {
            for (final String line : output.split("\\R")) {
                if (line.startsWith(key + "=")) {
                    return Double.parseDouble(line.substring(key.length() + 1));
                }
            }
            return Double.NaN;
        }

        /** The output's last line that is not a JVM warning, for the report. */
        String lastLine() {
            final List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING"))
                .toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private Bf16Probe() {
    }

    /** Runs the probe in a child JVM with this JVM's class path; waits at most 10 minutes. */
    static Outcome run(final int n) throws IOException, InterruptedException {
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1",
            "-cp", System.getProperty("java.class.path"), Bf16Probe.class.getName(), String.valueOf(n))
            .redirectErrorStream(true).start();
        final byte[] output = child.getInputStream().readAllBytes();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        return new Outcome(child.waitFor(), new String(output, StandardCharsets.UTF_8));
    }

    public static void main(final String[] args) {
        final int n = Integer.parseInt(args[0]);
        try (NDManager manager = DjlRuntime.call(() -> NDManager.newBaseManager(DjlRuntime.ENGINE))) {
            System.out.println("fp32=" + DjlRuntime.call(() -> Measure.matmulPeak(manager, n)));
            System.out.flush();
            System.out.println("bf16=" + DjlRuntime.call(() -> Measure.matmulPeak(manager, n, DataType.BFLOAT16)));
        }
    }
}

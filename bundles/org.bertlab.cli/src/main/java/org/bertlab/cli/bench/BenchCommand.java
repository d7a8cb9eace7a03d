package org.bertlab.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bertlab bench}: the performance benchmarks of docs/performance.md. Each prints a table and ends with one
 * line of key=value pairs. A plain harness: warm-up, then the median of several timed runs, all in one process so
 * that every runtime compared sees the same machine state.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: embedding throughput against ONNX Runtime, prediction by backend, training against "
        + "the matmul peak, dictionary MRR time, streaming memory.",
    subcommands = {EmbedBench.class, TrainBench.class, MemoryBench.class, MrrBenchCommand.class, PredictBench.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    static {
        // One PyTorch op at a time, each using both cores: inter-op threads only compete for the same cores here.
        // Must be set before the PyTorch engine starts.
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(spec.commandLine().getOut());
    }
}

package org.bertlab.core.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;

/**
 * The seeded runs of {@link ReproducibleTrainingTest}, run as the main class of a JVM of their own: each run saves
 * its model into {@code OUT/RUN/} and writes its statistics (all but the times) and notes to {@code OUT/RUN.tsv}.
 * With {@code loaded}, threads keep every CPU busy allocating garbage meanwhile, and one more asks for a full
 * collection every 50 ms, so that collections fall anywhere in the training steps.
 */
public final class SeededTrainingRun {

    /** The two runs: classification without and with validation and early stopping. */
    static final List<String> RUNS = List.of("plain", "early-stopping");

    private SeededTrainingRun() {
    }

    public static void main(final String[] args) throws Exception {
        final Path out = Path.of(args[0]);
        final boolean loaded = args.length > 1 && args[1].equals("loaded");
        final AtomicBoolean done = new AtomicBoolean();
        final List<Thread> load = new ArrayList<>();
        if (loaded) {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                load.add(Thread.ofPlatform().daemon().start(() -> churn(done)));
            }
            load.add(Thread.ofPlatform().daemon().start(() -> collectEvery50ms(done)));
        }
        try {
            for (final String run : RUNS) {
                train(run, out);
            }
        } finally {
            done.set(true);
            for (final Thread t : load) {
                t.join();
            }
        }
        System.out.println("threads " + DjlRuntime.describe() + (loaded ? ", loaded" : ", idle"));
    }

    static FineTuneOptions options(final String run) {
        final FineTuneOptions.Builder b = FineTuneOptions.builder().batchSize(8).learningRate(3e-3)
            .warmupFraction(0.1).seed(11);
        return run.equals("plain") ? b.epochs(2).validationFraction(0).build()
            : b.epochs(8).learningRate(1e-2).validationFraction(0.25).earlyStoppingPatience(1).build();
    }

    private static void train(final String run, final Path out) throws IOException {
        try (TrainableModel trainable = TestModels.tinyTrainable(out.resolve(run + "-vocabulary"), 3)) {
            final BertModel model = trainable.model();
            final FineTuneResult result = new FineTuner(options(run)).classify(trainable, ToyData.colours(48, 5), null,
                TrainingProgress.NONE);
            model.save(out.resolve(run));
            final List<String> lines = new ArrayList<>();
            for (final EpochStatistics e : result.epochs()) {
                lines.add(e.epoch() + "\t" + e.steps() + "\t" + e.trainLoss() + "\t" + e.validationLoss() + "\t"
                    + e.accuracy());
            }
            lines.add("best epoch\t" + result.bestEpoch());
            result.notes().forEach(n -> lines.add("note\t" + n));
            Files.write(out.resolve(run + ".tsv"), lines, StandardCharsets.UTF_8);
        }
    }

    /** Work that keeps a core busy and the young generation filling. */
    private static void churn(final AtomicBoolean done) {
        long sum = 0;
        while (!done.get()) {
            final long[] garbage = new long[256];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = sum + i;
            }
            sum += garbage[garbage.length - 1] & 1;
        }
        if (sum == 42) {
            System.out.print("");
        }
    }

    private static void collectEvery50ms(final AtomicBoolean done) {
        while (!done.get()) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

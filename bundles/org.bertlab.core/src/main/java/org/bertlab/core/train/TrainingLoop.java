package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bertlab.core.encoder.DropoutMasks;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

/**
 * The one training loop every head shares: shuffled mini-batches, AdamW with warm-up and linear decay, gradient
 * clipping by global norm, frozen layers, NaN checks, per-step progress and cancellation, per-epoch validation and
 * early stopping. Every DJL call runs inside {@link DjlRuntime}.
 */
final class TrainingLoop {

    /** Epoch statistics and the epoch whose weights the model holds at the end. */
    record Outcome(List<EpochStatistics> epochs, int bestEpoch) {
    }

    /**
     * One step's loss, and whether its update was applied: a step whose gradients are not finite (while its loss
     * is) changes nothing, as mixed-precision training skips an overflowing step.
     */
    record StepResult(float loss, boolean applied) {
    }

    /** At most this many skipped steps, or 1 % of the run if more, before the run counts as diverged. */
    private static final int MIN_SKIPS_ALLOWED = 3;

    private TrainingLoop() {
    }

    static Outcome run(final TrainableModel trainable, final TrainingTask task, final FineTuneOptions options,
        final TrainingProgress progress, final List<String> notes) {
        return DjlRuntime.call(() -> train(trainable, task, options, progress, notes));
    }

    private static Outcome train(final TrainableModel trainable, final TrainingTask task,
        final FineTuneOptions options, final TrainingProgress progress, final List<String> notes) {
        final BertModel model = trainable.model();
        final int n = task.size();
        int batchSize = options.batchSize();
        if (batchSize > n) {
            notes.add("batch size " + batchSize + " is larger than the " + n + " training examples; using " + n);
            batchSize = n;
        }
        final int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        final int totalSteps = stepsPerEpoch * options.epochs();
        final LearningRateSchedule schedule = LearningRateSchedule.of(options.learningRate(),
            options.warmupFraction(), totalSteps);

        final Engine engine = DjlRuntime.engine();
        // Dropout masks, shuffling and token masking draw from Java generators, and anything else random from
        // PyTorch's: seeding all of them makes a run repeatable.
        engine.setRandomSeed((int)options.seed());
        DropoutMasks.seed(options.seed());
        final Random random = new Random(options.seed());

        final int frozenLayers = Math.min(options.freezeLowestLayers(), model.config().numLayers());
        if (options.freezeLowestLayers() > model.config().numLayers()) {
            notes.add("freeze-layers " + options.freezeLowestLayers() + " is more than the model's "
                + model.config().numLayers() + " layers; all layers are frozen");
        }
        final List<NDArray> trained = trainable.parameters()
            .requireGradients(name -> isTrainable(name, options.freezeEmbeddings(), frozenLayers));
        if (trained.isEmpty()) {
            throw new IllegalArgumentException("Every weight is frozen: unfreeze the embeddings or fewer layers.");
        }
        final double[] learningRate = {0};
        final ParameterTracker tracker = (parameter, update) -> (float)learningRate[0];
        final Optimizer decayed = Optimizer.adamW().optLearningRateTracker(tracker)
            .optWeightDecays((float)options.weightDecay()).build();
        final Optimizer undecayed = Optimizer.adamW().optLearningRateTracker(tracker).optWeightDecays(0f).build();

        final List<EpochStatistics> epochs = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        // The weights of the best epoch so far: replaced whole at every new best, moved into the model on
        // restore, freed otherwise.
        Snapshot bestWeights = null;
        int epochsWithoutImprovement = 0;
        int step = 0;
        int skipped = 0;
        final int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        try {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                final long start = System.nanoTime();
                shuffle(order, random);
                double lossSum = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    progress.checkCancelled();
                    step++;
                    learningRate[0] = schedule.at(step);
                    final int from = s * batchSize;
                    final int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                    final StepResult result = step(trainable, task, batch, random, decayed, undecayed, options);
                    final float loss = result.loss();
                    if (!Float.isFinite(loss)) {
                        throw new TrainingDivergedException("The training loss became " + loss + " at epoch " + epoch
                            + ", step " + step + " (learning rate " + String.format("%.3g", learningRate[0])
                            + "). Lower the {learning-rate} (e.g. 10 times lower), keep {gradient-clip} on (1) and use "
                            + "{warmup} (0.1); also check the input "
                            + "for empty or extremely long texts.");
                    }
                    if (!result.applied() && ++skipped > Math.max(MIN_SKIPS_ALLOWED, totalSteps / 100)) {
                        throw new TrainingDivergedException("The gradients were not finite in " + skipped
                            + " steps (the last at epoch " + epoch + ", step " + step + ", learning rate "
                            + String.format("%.3g", learningRate[0]) + "). Lower the {learning-rate} (e.g. 10 times lower)"
                            + " and keep {gradient-clip} on (1).");
                    }
                    lossSum += loss;
                    progress.step(epoch, step, totalSteps, loss, learningRate[0]);
                }
                final TrainingTask.Evaluation eval = task.hasValidation()
                    ? task.evaluate(model, Math.max(batchSize, 32)) : TrainingTask.Evaluation.NONE;
                final EpochStatistics stats = new EpochStatistics(epoch, step, lossSum / stepsPerEpoch, eval.loss(),
                    eval.accuracy(), eval.exactMatch(), eval.f1(), (System.nanoTime() - start) / 1e9);
                epochs.add(stats);
                progress.epoch(stats);
                if (options.earlyStoppingPatience() > 0 && task.hasValidation()) {
                    if (eval.loss() < bestLoss) {
                        bestLoss = eval.loss();
                        bestEpoch = epoch;
                        if (bestWeights != null) {
                            bestWeights.close();
                        }
                        bestWeights = Snapshot.of(model);
                        epochsWithoutImprovement = 0;
                    } else if (++epochsWithoutImprovement >= options.earlyStoppingPatience()) {
                        notes.add("early stopping after epoch " + epoch + ": no lower validation loss for "
                            + epochsWithoutImprovement + " epoch(s); keeping the weights of epoch " + bestEpoch);
                        break;
                    }
                }
            }
            if (skipped > 0) {
                notes.add(skipped + " of " + step + " steps skipped: their gradients were not finite, so they "
                    + "changed no weight");
            }
            if (bestWeights != null && bestEpoch != epochs.size()) {
                bestWeights.restoreInto(trainable);
            } else {
                bestEpoch = epochs.size();
            }
        } finally {
            // Later forward passes (prediction) must not build gradient graphs.
            trainable.parameters().requireGradients(name -> false);
            if (bestWeights != null) {
                bestWeights.close();
            }
        }
        return new Outcome(epochs, bestEpoch);
    }

    /** Embeddings and the lowest layers may be frozen; heads, pooler and upper layers always train. */
    static boolean isTrainable(final String name, final boolean freezeEmbeddings, final int frozenLayers) {
        if (name.startsWith("embeddings.")) {
            return !freezeEmbeddings;
        }
        if (name.startsWith("encoder.layer.")) {
            final int end = name.indexOf('.', "encoder.layer.".length());
            final int layer = Integer.parseInt(name.substring("encoder.layer.".length(), end));
            return layer >= frozenLayers;
        }
        return true;
    }

    /** Biases and LayerNorm weights are not decayed (BERT's optimizer excludes them). */
    private static boolean isDecayed(final String name) {
        return !name.endsWith(".bias") && !name.contains("LayerNorm");
    }

    static StepResult step(final TrainableModel trainable, final TrainingTask task, final int[] batch,
        final Random random, final Optimizer decayed, final Optimizer undecayed, final FineTuneOptions options) {
        final BertModel model = trainable.model();
        final float value;
        try (NDManager manager = model.newBatchManager();
            GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            final NDArray loss = task.loss(model, manager, batch, random);
            value = loss.getFloat();
            if (!Float.isFinite(value)) {
                return new StepResult(value, false);
            }
            collector.backward(loss);
        }
        try (NDManager manager = model.newBatchManager()) {
            final Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (final Map.Entry<String, NDArray> e : model.parameters().entries()) {
                if (e.getValue().hasGradient()) {
                    final NDArray gradient = e.getValue().getGradient();
                    gradient.attach(manager);
                    gradients.put(e.getKey(), gradient);
                }
            }
            double squares = 0;
            for (final NDArray g : gradients.values()) {
                squares += g.square().sum().getFloat();
            }
            final double norm = Math.sqrt(squares);
            final boolean finite = Double.isFinite(norm);
            if (finite && options.gradientClip() > 0 && norm > options.gradientClip()) {
                final float scale = (float)(options.gradientClip() / (norm + 1e-6));
                gradients.values().forEach(g -> g.muli(scale));
            }
            if (finite) {
                for (final Map.Entry<String, NDArray> e : gradients.entrySet()) {
                    final NDArray weight = model.parameters().get(e.getKey());
                    (isDecayed(e.getKey()) ? decayed : undecayed).update(e.getKey(), weight, e.getValue());
                }
                // Validation runs on the inference backend, which may hold a copy of the weights.
                trainable.parameters().updatedInPlace();
            }
            // PyTorch adds every backward pass into the weights' gradients and DJL's collector does not clear
            // them (its zeroGradients is switched off), so each step must, or the next one would apply the sum of
            // all gradients so far. Multiplying by 0 is the fast way; a NaN survives it, so those are overwritten.
            for (final NDArray g : gradients.values()) {
                if (finite) {
                    g.muli(0);
                } else {
                    g.set(new NDIndex("..."), 0f);
                }
            }
            return new StepResult(value, finite);
        }
    }

    private static void shuffle(final int[] order, final Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Copies of a model's weights in the weights' own type and on their device (an fp16 model stays fp16),
     * detached from the gradient graph, held by a manager of their own, in the model's weight order.
     */
    static final class Snapshot implements AutoCloseable {

        private final NDManager manager;

        private final Map<String, NDArray> copies = new LinkedHashMap<>();

        private Snapshot(final NDManager manager) {
            this.manager = manager;
        }

        /** Copies every weight; the detached views made on the way are freed at once. */
        static Snapshot of(final BertModel model) {
            final Snapshot snapshot = new Snapshot(model.newBatchManager());
            try (NDManager scope = model.newBatchManager()) {
                for (final Map.Entry<String, NDArray> e : model.parameters().entries()) {
                    final NDArray detached = e.getValue().stopGradient();
                    detached.attach(scope);
                    final NDArray copy = detached.duplicate();
                    copy.attach(snapshot.manager);
                    snapshot.copies.put(e.getKey(), copy);
                }
            } catch (RuntimeException e) {
                snapshot.close();
                throw e;
            }
            return snapshot;
        }

        /** Moves the copies into the model in place of its weights, which are closed; the snapshot is empty then. */
        void restoreInto(final TrainableModel model) {
            copies.forEach((name, copy) -> model.parameters().put(name, copy));
            copies.clear();
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}

package org.bertlab.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.InferenceBackends;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.predict.ClassPrediction;
import org.bertlab.core.predict.Predictor;
import org.bertlab.core.train.ClassificationExample;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.TrainingProgress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Classification throughput of {@code Predictor} on the embedded model with a classifier fine-tuned for one epoch on
 * eight sentences: the encoder on the model's inference backend (ONNX Runtime on the CPU) against the PyTorch encoder
 * that prediction used before, in one process, interleaved; the heads are the same Java code for both.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Prediction throughput: the model's inference backend against the PyTorch encoder.")
final class PredictBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--texts", defaultValue = "512", description = "Texts classified per run (default: 512).")
    int texts;

    @Option(names = "--min-tokens", defaultValue = "8", description = "Shortest text in tokens (default: 8).")
    int minTokens;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Longest text in tokens (default: 64).")
    int maxTokens;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per contestant (default: 3).")
    int runs;

    @Override
    public Integer call() throws Exception {
        BenchChecks.range("--texts", texts, 1, 1_000_000);
        BenchChecks.range("--min-tokens", minTokens, 1, 510);
        BenchChecks.range("--max-tokens", maxTokens, minTokens, 510);
        BenchChecks.range("--runs", runs, 1, 100);
        final PrintWriter out = spec.commandLine().getOut();
        try (TrainableModel trainable = TrainableModel.of(EmbeddedModel.load(LoadOptions.DEFAULT))) {
            final BertModel model = trainable.model();
            final List<ClassificationExample> train = new ArrayList<>();
            for (final String[] row : new String[][]{{"the soup is hot", "food"}, {"we ate rice", "food"},
                {"it rains today", "weather"}, {"the wind is cold", "weather"}, {"she plays football", "sport"},
                {"they run a race", "sport"}, {"the cat sleeps", "animals"}, {"a dog barks", "animals"}}) {
                train.add(ClassificationExample.of(row[0], row[1]));
            }
            new FineTuner(FineTuneOptions.builder().epochs(1).batchSize(8).validationFraction(0).seed(1).build())
                .classify(trainable, train, null, TrainingProgress.NONE);
            final List<String> corpus = new BenchCorpus(model.tokenizer()).texts(texts, minTokens, maxTokens, 7);
            final String backendName = model.inferenceName();
            out.printf("%d texts of %d-%d tokens, batch %d, classifier of %d labels; %d cores%n", texts, minTokens,
                maxTokens, Predictor.DEFAULT_BATCH_SIZE, model.config().labels().size(),
                Runtime.getRuntime().availableProcessors());
            try (InferenceBackend torch = InferenceBackends.pytorch(model.config(), model.parameters())) {
                final Predictor onTorch = new Predictor(model, Predictor.DEFAULT_BATCH_SIZE, torch);
                final Predictor onModel = new Predictor(model);
                final List<List<ClassPrediction>> last = new ArrayList<>(List.of(List.of(), List.of()));
                final String baseline = "predict, PyTorch encoder";
                final String engine = "predict, " + backendName;
                final Map<String, Measure.Run> contestants = new LinkedHashMap<>();
                contestants.put(baseline, () -> last.set(0, onTorch.classify(corpus, null)));
                contestants.put(engine, () -> last.set(1, onModel.classify(corpus, null)));
                final Map<String, Double> seconds = Measure.interleavedMedians(1, runs, contestants);
                int same = 0;
                for (int i = 0; i < corpus.size(); i++) {
                    same += last.get(0).get(i).label().equals(last.get(1).get(i).label()) ? 1 : 0;
                }
                out.printf("%-44s %10s %12s %8s%n", "", "median s", "texts/s", "ratio");
                for (final Map.Entry<String, Double> e : seconds.entrySet()) {
                    out.printf("%-44s %10.3f %12.1f %8.2f%n", e.getKey(), e.getValue(), texts / e.getValue(),
                        seconds.get(baseline) / e.getValue());
                }
                out.printf("same label for %d of %d texts%n", same, corpus.size());
                out.printf("predict texts=%d backend=%s pytorch_s=%.3f backend_s=%.3f speedup=%.2f same_labels=%d%n",
                    texts, backendName.replace(' ', '_'), seconds.get(baseline), seconds.get(engine),
                    seconds.get(baseline) / seconds.get(engine), same);
            }
        }
        return 0;
    }
}

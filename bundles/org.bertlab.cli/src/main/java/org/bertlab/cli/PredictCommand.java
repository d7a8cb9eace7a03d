package org.bertlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.bertlab.core.io.TextLines;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.predict.AnswerPrediction;
import org.bertlab.core.predict.ClassPrediction;
import org.bertlab.core.predict.Predictor;
import org.bertlab.core.qa.QaSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertlab predict}: the engine's {@link Predictor} on a TSV table. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Apply a fine-tuned classifier or QA model (saved by 'bertlab finetune') to a TSV table, in "
        + "batches, through the model's token mapping if it has one.",
        "Classifier input: columns text[, text_pair]; output: the input columns plus prediction, score (the "
            + "predicted label's probability).",
        "QA input: columns question, context; output: the input columns plus answer, start, end (character offsets "
            + "in the context, end exclusive), score (p(start)·p(end))."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--input", required = true, paramLabel = "FILE.tsv", description = "Table with a header row.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE.tsv", description = "Table to write.")
    Path output;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + Predictor.DEFAULT_BATCH_SIZE,
        description = "Texts (QA: windows) per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--qa-stride", paramLabel = "N",
        description = "QA: tokens between the starts of consecutive windows of a long context (default: the "
            + "stride the model was trained with, else " + QaSettings.DEFAULT_STRIDE + ").")
    Integer qaStride;

    @Option(names = "--max-answer-tokens", paramLabel = "N",
        description = "QA: longest answer in tokens (default: the model's training setting, else "
            + QaSettings.DEFAULT_MAX_ANSWER_TOKENS + ").")
    Integer maxAnswerTokens;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final List<Path> inputs = Outputs.of(input, model.model);
        Outputs.check(inputs, output);
        final List<String> lines = TextLines.readAll(input).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException(input + ": the file is empty; it needs a header row");
        }
        final List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        final List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            final String[] f = Arrays.copyOf(lines.get(i).split("\t", -1), header.size());
            rows.add(Arrays.stream(f).map(v -> v == null ? "" : v).toArray(String[]::new));
        }
        try (BertModel m = model.load()) {
            final Predictor predictor = new Predictor(m, batchSize);
            final List<String> outHeader = new ArrayList<>(header);
            if (predictor.canClassify()) {
                final int text = column(header, "text");
                final int pair = header.indexOf("text_pair");
                final List<ClassPrediction> p = predictor.classify(rows.stream().map(r -> r[text]).toList(),
                    pair < 0 ? null : rows.stream().map(r -> r[pair]).toList());
                TruncationNote.print(spec.commandLine().getErr(), predictor.truncatedTexts(),
                    m.tokenizer().maxLength(), "their predictions are made from the first tokens only");
                outHeader.addAll(List.of("prediction", "score"));
                try (Tsv tsv = new Tsv(output, outHeader, inputs)) {
                    for (int i = 0; i < rows.size(); i++) {
                        tsv.row(concat(rows.get(i), p.get(i).label(), String.format("%.6f", p.get(i).score())));
                    }
                    tsv.commit();
                }
            } else if (predictor.canAnswer()) {
                final int q = column(header, "question");
                final int c = column(header, "context");
                final QaSettings trained = QaSettings.of(m);
                final QaSettings settings = trained.withPrediction(Objects.requireNonNullElse(qaStride,
                    trained.stride()), Objects.requireNonNullElse(maxAnswerTokens, trained.maxAnswerTokens()));
                final List<AnswerPrediction> p = predictor.answer(rows.stream().map(r -> r[q]).toList(),
                    rows.stream().map(r -> r[c]).toList(), settings);
                outHeader.addAll(List.of("answer", "start", "end", "score"));
                try (Tsv tsv = new Tsv(output, outHeader, inputs)) {
                    for (int i = 0; i < rows.size(); i++) {
                        final AnswerPrediction a = p.get(i);
                        tsv.row(concat(rows.get(i), a.answer(), a.start(), a.end(), String.format("%.6f", a.score())));
                    }
                    tsv.commit();
                }
            } else {
                throw new IllegalArgumentException("The model has neither a classification nor a QA head (heads: "
                    + String.join(", ", m.headNames()) + "); fine-tune it with 'bertlab finetune --task classify' "
                    + "or '--task qa' first.");
            }
        }
        spec.commandLine().getOut().println("wrote " + rows.size() + " predictions to " + output);
        return 0;
    }

    private int column(final List<String> header, final String name) throws IOException {
        final int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(input + " line 1: the header has no column '" + name + "' (found: "
                + String.join(", ", header) + ")");
        }
        return i;
    }

    private static Object[] concat(final String[] row, final Object... more) {
        final Object[] all = Arrays.copyOf(row, row.length + more.length, Object[].class);
        System.arraycopy(more, 0, all, row.length, more.length);
        return all;
    }
}

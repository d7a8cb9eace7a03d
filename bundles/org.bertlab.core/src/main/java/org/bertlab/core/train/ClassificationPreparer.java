package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * Sequence classification: rows need a text and a label (a pair text is optional); the label order is the model's
 * own when it already classifies into exactly these labels, else sorted; classes may be weighted by their inverse
 * frequency.
 */
final class ClassificationPreparer implements TaskPreparer<ClassificationExample> {

    private final TaskInputs in;

    ClassificationPreparer(final TaskInputs in) {
        this.in = in;
    }

    @Override
    public String needs() {
        return "text and a label";
    }

    @Override
    public List<ClassificationExample> clean(final List<ClassificationExample> rows, final String table,
        final List<String> skipped) {
        final List<ClassificationExample> kept = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < rows.size(); i++) {
            final ClassificationExample r = rows.get(i);
            if (StringUtils.isBlank(r.text()) || StringUtils.isBlank(r.label())) {
                missing++;
                continue;
            }
            final String pair = StringUtils.isBlank(r.pair()) ? null : r.pair();
            kept.add(new ClassificationExample(in.map(r.text(), table, i), pair == null ? null
                : in.map(pair, table, i), r.label().strip()));
        }
        if (missing > 0) {
            skipped.add(missing + " " + table + " row(s) without text or label");
        }
        return kept;
    }

    @Override
    public TrainingTask prepare(final List<ClassificationExample> train, final List<ClassificationExample> validation,
        final List<String> notes) {
        final List<String> labels = labels(train);
        final Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        for (int i = 0; i < validation.size(); i++) {
            if (!index.containsKey(validation.get(i).label())) {
                throw new IllegalArgumentException("Validation row " + (i + 1) + " has the label '"
                    + validation.get(i).label() + "', which no training row has; the classifier can only learn the "
                    + "training labels " + labels + ".");
            }
        }
        final int[] trainLabels = train.stream().mapToInt(r -> index.get(r.label())).toArray();
        final int[] validationLabels = validation.stream().mapToInt(r -> index.get(r.label())).toArray();
        final float[] weights = classWeights(trainLabels, labels.size());
        final ClassificationTask task = in.withTokenizer(tokenizer -> {
            final List<TokenizedText> a = train.stream().map(r -> tokenizer.encode(r.text(), r.pair())).toList();
            final List<TokenizedText> b = validation.stream().map(r -> tokenizer.encode(r.text(), r.pair()))
                .toList();
            in.checkVocabulary(a, notes);
            return new ClassificationTask(a, trainLabels, b, validationLabels, weights, tokenizer.padId());
        });
        ensureClassifier(labels);
        return task;
    }

    /** The label order: the model's own when it already classifies into exactly these labels, else sorted. */
    private List<String> labels(final List<ClassificationExample> rows) {
        final Set<String> distinct = new TreeSet<>();
        rows.forEach(r -> distinct.add(r.label()));
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("The label column has only one class ('" + distinct.iterator().next()
                + "') in the training rows: a classifier needs examples of at least two classes.");
        }
        final BertModel model = in.model;
        final List<String> existing = model.config().labels();
        if (model.heads().hasClassifier() && existing.size() == distinct.size()
            && new TreeSet<>(existing).equals(distinct)) {
            return existing;
        }
        return List.copyOf(distinct);
    }

    /** 1 for every class, or with balanced classes n / (classes × count of the class). */
    private float[] classWeights(final int[] labels, final int classes) {
        final float[] weights = new float[classes];
        if (!in.options.balanceClasses()) {
            Arrays.fill(weights, 1f);
            return weights;
        }
        final int[] counts = new int[classes];
        for (final int l : labels) {
            counts[l]++;
        }
        for (int c = 0; c < classes; c++) {
            weights[c] = counts[c] == 0 ? 0f : (float)labels.length / (classes * counts[c]);
        }
        return weights;
    }

    /** A new classifier head for these labels, unless the model has one for exactly them. */
    void ensureClassifier(final List<String> labels) {
        final BertModel model = in.model;
        if (model.heads().hasClassifier() && model.config().labels().equals(labels)) {
            return;
        }
        in.addHead(BertLayout.classifier(model.config(), labels.size()));
        in.trainable.setLabels(labels);
    }
}

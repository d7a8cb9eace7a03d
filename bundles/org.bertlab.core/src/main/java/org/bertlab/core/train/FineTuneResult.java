package org.bertlab.core.train;

import java.util.List;

import org.bertlab.core.model.BertModel;

/**
 * The outcome of a training run. The model is that of the {@link org.bertlab.core.model.TrainableModel} passed in
 * (trained in place, with its new head and label set; its owner closes it) or, for pre-training from scratch, a new
 * model that the caller owns and closes. Save it with
 * {@link BertModel#save(java.nio.file.Path)}: the folder holds the head, the label set and any token mapping.
 *
 * @param model the trained model
 * @param epochs statistics per epoch run
 * @param trainExamples training examples used (QA: examples, not windows)
 * @param validationExamples validation examples used
 * @param skipped why and how many rows were left out, e.g. "2 training rows without text"; empty when none
 * @param notes adjustments made, e.g. a batch size clamped to the data
 * @param bestEpoch the epoch whose weights the model holds (the last, unless early stopping restored a better one)
 */
public record FineTuneResult(BertModel model, List<EpochStatistics> epochs, int trainExamples,
    int validationExamples, List<String> skipped, List<String> notes, int bestEpoch) {

    public FineTuneResult {
        epochs = List.copyOf(epochs);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** The statistics of the last epoch run. */
    public EpochStatistics last() {
        return epochs.get(epochs.size() - 1);
    }
}

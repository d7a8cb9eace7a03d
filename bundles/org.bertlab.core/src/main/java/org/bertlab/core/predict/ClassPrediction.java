package org.bertlab.core.predict;

import java.util.Map;

/**
 * A classifier's answer for one text.
 *
 * @param label the most probable label
 * @param score its probability
 * @param probabilities every label's probability, in the model's label order
 */
public record ClassPrediction(String label, double score, Map<String, Double> probabilities) {
}

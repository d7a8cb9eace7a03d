package org.bertlab.core.train;

/**
 * One labelled example for sequence classification.
 *
 * @param text the text (blank texts are skipped and counted)
 * @param pair the second text of a pair, or null for single texts
 * @param label the class label as a string (blank labels are skipped and counted)
 */
public record ClassificationExample(String text, String pair, String label) {

    public static ClassificationExample of(final String text, final String label) {
        return new ClassificationExample(text, null, label);
    }
}

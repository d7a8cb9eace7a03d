package org.bertlab.core.embed;

import java.util.Arrays;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.options.InvalidOptionException;

/**
 * The one reading of a layer selection as users type it: "all", "last" or a comma list such as "0,4", where 0 is
 * the embedding output and L the top layer. Shared by the command line, the KNIME settings and every options class.
 */
public final class LayerSelection {

    private LayerSelection() {
    }

    /**
     * Parses a selection for a model of {@code numLayers} layers; "all" (or blank) gives an empty array, which the
     * options classes read as every layer. Whether the layers exist is checked where the options are resolved.
     *
     * @throws IllegalArgumentException naming the text when it is not all, last or a list of integers
     */
    public static int[] parse(final String text, final int numLayers) {
        final String t = StringUtils.trimToEmpty(text);
        if (t.isEmpty() || "all".equalsIgnoreCase(t)) {
            return new int[0];
        }
        if ("last".equalsIgnoreCase(t)) {
            return new int[]{numLayers};
        }
        final String[] parts = StringUtils.split(t, ", ");
        if (parts.length == 0) {
            // "," or " , " lists no layer; reading it as "all" would silently compute something else.
            throw new IllegalArgumentException("Cannot read layers '" + text + "': it lists no layer; use all, last "
                + "or a list like 0,4 (0 = embedding output).");
        }
        try {
            return Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot read layers '" + text + "': use all, last or a list like 0,4 "
                + "(0 = embedding output).", e);
        }
    }

    /**
     * The layers a selection means for a model with {@code numLayers} encoder layers, sorted and distinct: an empty
     * selection (all) is every layer from 0 (embedding output) to {@code numLayers}.
     *
     * @throws InvalidOptionException for the {@code layers} option, naming the first layer that does not exist
     */
    public static int[] resolve(final int[] layers, final int numLayers) {
        if (layers.length == 0) {
            final int[] all = new int[numLayers + 1];
            Arrays.setAll(all, i -> i);
            return all;
        }
        requireExisting(layers, numLayers);
        return Arrays.stream(layers).distinct().sorted().toArray();
    }

    /**
     * Checks that a model with {@code numLayers} encoder layers has every listed layer.
     *
     * @throws InvalidOptionException for the {@code layers} option, naming the first layer that does not exist
     */
    public static void requireExisting(final int[] layers, final int numLayers) {
        for (final int layer : layers) {
            InvalidOptionException.require(layer >= 0 && layer <= numLayers, "layers", "list layer " + layer
                + ", which does not exist: the model has layers 0 (embedding output) to " + numLayers + ".");
        }
    }

    /** Whether the text is a selection {@link #parse} can read, before any model is known. */
    public static boolean isWellFormed(final String text) {
        try {
            parse(text, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

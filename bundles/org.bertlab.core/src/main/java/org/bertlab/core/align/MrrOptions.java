package org.bertlab.core.align;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.options.InvalidOptionException;

/**
 * Options of the Dictionary MRR computation, shared by the node and the command line: how word vectors are made,
 * what is ranked, which layers and which directions. Every default and every validation rule lives here; the one
 * default the node sets otherwise is the mode, isolated, because its corpus port is optional and contextual vectors
 * need a corpus.
 */
public final class MrrOptions {

    /** How a word becomes a vector. */
    public enum Mode {
        /** Average of the word's token vectors over every occurrence in its language's corpus. */
        CONTEXTUAL,
        /** The word encoded alone, as [CLS] word [SEP], special tokens excluded from the average. */
        ISOLATED,
        /** Rows of the input embedding matrix (embeddings.word_embeddings.weight); one "layer" reported as 0. */
        STATIC;

        public static Mode parse(final String text) {
            return parseEnum(Mode.class, text, "contextual, isolated or static");
        }
    }

    /** How the vectors of a word's WordPiece pieces become one vector. */
    public enum Pieces {
        MEAN, FIRST;

        public static Pieces parse(final String text) {
            return parseEnum(Pieces.class, text, "mean or first");
        }
    }

    /** What each source word is ranked against. */
    public enum Candidates {
        /** Every target word of the dictionary. */
        DICTIONARY,
        /** Every target-language word seen in the target corpus, plus the dictionary's targets. */
        CORPUS;

        public static Candidates parse(final String text) {
            return parseEnum(Candidates.class, text, "dictionary or corpus");
        }
    }

    /** Which way words are translated. */
    public enum Direction {
        SOURCE_TO_TARGET("source->target"), TARGET_TO_SOURCE("target->source");

        private final String label;

        Direction(final String label) {
            this.label = label;
        }

        /** The name used in tables: source->target or target->source. */
        public String label() {
            return label;
        }
    }

    /** Whether each language's mean word vector is subtracted before the cosine (removes the language offset). */
    public enum Centring {
        /** The vectors as computed. */
        RAW,
        /** Each language's mean word vector subtracted. */
        CENTRED,
        /** Both: every layer and direction evaluated raw and centred, from the same vectors. */
        BOTH;

        /** The centring flags to evaluate, raw first. */
        boolean[] flags() {
            return switch (this) {
                case RAW -> new boolean[]{false};
                case CENTRED -> new boolean[]{true};
                case BOTH -> new boolean[]{false, true};
            };
        }
    }

    public static final int DEFAULT_BATCH_SIZE = 32;

    private final Mode mode;

    private final Centring centring;

    private final Pieces pieces;

    private final Candidates candidates;

    private final int[] layers;

    private final Direction[] directions;

    private final int batchSize;

    private MrrOptions(final Builder b) {
        this.mode = b.mode;
        this.centring = b.centring;
        this.pieces = b.pieces;
        this.candidates = b.candidates;
        this.layers = b.layers.clone();
        this.directions = b.directions.clone();
        this.batchSize = b.batchSize;
    }

    /** Contextual vectors, raw (not centred), mean of pieces, dictionary candidates, all layers, both directions. */
    public static MrrOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().mode(mode).centring(centring).pieces(pieces).candidates(candidates).layers(layers)
            .directions(directions).batchSize(batchSize);
    }

    public Mode mode() {
        return mode;
    }

    public Centring centring() {
        return centring;
    }

    public Pieces pieces() {
        return pieces;
    }

    public Candidates candidates() {
        return candidates;
    }

    /** The layers asked for; empty means all. */
    public int[] layers() {
        return layers.clone();
    }

    public Direction[] directions() {
        return directions.clone();
    }

    public int batchSize() {
        return batchSize;
    }

    /** Whether these options need a corpus in each language: contextual vectors or corpus candidates. */
    public boolean needsCorpus() {
        return mode == Mode.CONTEXTUAL || candidates == Candidates.CORPUS;
    }

    /**
     * The layers to evaluate for a model of that config, sorted; static vectors have the single layer 0.
     *
     * @throws InvalidOptionException naming the layer that does not exist
     */
    public int[] resolveLayers(final BertConfig config) {
        return resolveLayers(layers, mode, config.numLayers());
    }

    static int[] resolveLayers(final int[] asked, final Mode mode, final int numLayers) {
        final int[] layers = LayerSelection.resolve(asked, numLayers);
        return mode == Mode.STATIC ? new int[]{0} : layers;
    }

    /** Parses both|source->target|target->source. */
    public static Direction[] parseDirections(final String text) {
        final String t = StringUtils.trimToEmpty(text).toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "both" -> Direction.values();
            case "source->target", "s2t" -> new Direction[]{Direction.SOURCE_TO_TARGET};
            case "target->source", "t2s" -> new Direction[]{Direction.TARGET_TO_SOURCE};
            default -> throw new IllegalArgumentException("Unknown direction '" + text
                + "': use both, source->target or target->source.");
        };
    }

    static <E extends Enum<E>> E parseEnum(final Class<E> type, final String text, final String choices) {
        try {
            return Enum.valueOf(type, StringUtils.trimToEmpty(text).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown value '" + text + "': use " + choices + ".", e);
        }
    }

    /** Name of an option value as the command line writes it. */
    public static String commandLineName(final Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "mode=" + commandLineName(mode) + " centring=" + commandLineName(centring) + " pieces=" + commandLineName(pieces)
            + " candidates=" + commandLineName(candidates) + " layers="
            + (layers.length == 0 ? "all" : Arrays.toString(layers)) + " directions=" + Arrays.toString(directions);
    }

    /** Builder holding the defaults. */
    public static final class Builder {

        private Mode mode = Mode.CONTEXTUAL;

        private Centring centring = Centring.RAW;

        private Pieces pieces = Pieces.MEAN;

        private Candidates candidates = Candidates.DICTIONARY;

        private int[] layers = new int[0];

        private Direction[] directions = Direction.values();

        private int batchSize = DEFAULT_BATCH_SIZE;

        public Builder mode(final Mode value) {
            this.mode = Validate.notNull(value, "mode");
            return this;
        }

        /** Whether to subtract each language's mean word vector before ranking: raw, centred or both. */
        public Builder centring(final Centring value) {
            this.centring = Validate.notNull(value, "centring");
            return this;
        }

        public Builder pieces(final Pieces value) {
            this.pieces = Validate.notNull(value, "pieces");
            return this;
        }

        public Builder candidates(final Candidates value) {
            this.candidates = Validate.notNull(value, "candidates");
            return this;
        }

        /** Layers 0 (embedding output) to L; none means all. */
        public Builder layers(final int... value) {
            for (final int layer : value) {
                InvalidOptionException.require(layer >= 0, "layers", "list layer " + layer
                    + ", which does not exist: layers start at 0 (embedding output).");
            }
            this.layers = value.clone();
            return this;
        }

        public Builder directions(final Direction... value) {
            Validate.isTrue(value.length > 0, "At least one direction is needed.");
            this.directions = Arrays.stream(value).distinct().toArray(Direction[]::new);
            return this;
        }

        public Builder batchSize(final int value) {
            Validate.inclusiveBetween(1, 4096, value, "The batch size must be between 1 and 4096, got %d", value);
            this.batchSize = value;
            return this;
        }

        public MrrOptions build() {
            return new MrrOptions(this);
        }
    }
}

package org.bertlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.bertlab.core.align.DictionaryMrr.LayerResult;
import org.bertlab.core.align.DictionaryMrr.PairRank;
import org.bertlab.core.align.LanguageOffset;
import org.bertlab.core.io.TextLines;

/** Reading corpora and writing the tables of {@code mrr}, {@code offset} and {@code demo}. */
final class CrossLingualOutput {

    static final List<String> MRR_COLUMNS = List.of("layer", "direction", "mrr", "p_at_1", "p_at_5", "p_at_10",
        "evaluated", "skipped");

    static final List<String> OFFSET_COLUMNS = List.of("layer", "offset_norm", "mean_cosine", "evaluated", "skipped",
        "acc_at_1_without", "acc_at_5_without", "mrr_without", "acc_at_1_with", "acc_at_5_with", "mrr_with");

    private CrossLingualOutput() {
    }

    /** One text per line, UTF-8; null for a null path. */
    static List<String> corpus(final Path file) throws IOException {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": corpus file not found");
        }
        return TextLines.readAll(file);
    }

    static String number(final double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    static void writeMrr(final Path file, final List<LayerResult> results,
        final Collection<Path> inputs) throws IOException {
        try (Tsv tsv = new Tsv(file, MRR_COLUMNS, inputs)) {
            for (final LayerResult r : results) {
                tsv.row(r.layer(), r.direction().label(), number(r.mrr()), number(r.pAt1()), number(r.pAt5()),
                    number(r.pAt10()), r.evaluated(), r.skipped());
            }
            tsv.commit();
        }
    }

    static void writeRanks(final Path file, final List<LayerResult> results,
        final Collection<Path> inputs) throws IOException {
        try (Tsv tsv = new Tsv(file, List.of("layer", "direction", "source", "target", "rank"), inputs)) {
            for (final LayerResult r : results) {
                for (final PairRank p : r.ranks()) {
                    tsv.row(r.layer(), r.direction().label(), p.source(), p.target(), p.rank());
                }
            }
            tsv.commit();
        }
    }

    /** Metrics are left empty where nothing was scored (no dictionary): never NaN. */
    static void writeOffset(final Path file, final List<LanguageOffset.LayerResult> layers,
        final Collection<Path> inputs) throws IOException {
        try (Tsv tsv = new Tsv(file, OFFSET_COLUMNS, inputs)) {
            for (final LanguageOffset.LayerResult l : layers) {
                final boolean scored = l.evaluated() > 0;
                tsv.row(l.layer(), number(l.offsetNorm()), number(l.meanCosine()), l.evaluated(), l.skipped(),
                    scored ? number(l.accuracyAt1Without()) : "", scored ? number(l.accuracyAt5Without()) : "",
                    scored ? number(l.mrrWithout()) : "", scored ? number(l.accuracyAt1With()) : "",
                    scored ? number(l.accuracyAt5With()) : "", scored ? number(l.mrrWith()) : "");
            }
            tsv.commit();
        }
    }

    static void writeTranslations(final Path file, final List<LanguageOffset.Translation> translations,
        final Collection<Path> inputs) throws IOException {
        try (Tsv tsv = new Tsv(file, List.of("layer", "source", "correct", "without_offset", "with_offset",
            "rank_without", "rank_with"), inputs)) {
            for (final LanguageOffset.Translation t : translations) {
                tsv.row(t.layer(), t.source(), String.join(" ", t.correct()), String.join(" ", t.withoutOffset()),
                    String.join(" ", t.withOffset()), t.rankWithout() == 0 ? "" : t.rankWithout(),
                    t.rankWith() == 0 ? "" : t.rankWith());
            }
            tsv.commit();
        }
    }

    static void writeDecoded(final Path file, final List<LanguageOffset.Decoded> decoded,
        final Collection<Path> inputs) throws IOException {
        try (Tsv tsv = new Tsv(file, List.of("source", "without_offset", "with_offset"), inputs)) {
            for (final LanguageOffset.Decoded d : decoded) {
                tsv.row(d.source(), String.join(" ", d.withoutOffset()), String.join(" ", d.withOffset()));
            }
            tsv.commit();
        }
    }

    /** Skip reasons of the first result, once (they are the same for every layer). */
    static void printSkips(final PrintWriter err, final List<LayerResult> results) {
        results.stream().filter(r -> r.skipped() > 0).findFirst().ifPresent(r -> err.println("bertlab: note: "
            + r.skipped() + " of " + (r.evaluated() + r.skipped()) + " pairs skipped " + r.skipReasons()));
    }
}

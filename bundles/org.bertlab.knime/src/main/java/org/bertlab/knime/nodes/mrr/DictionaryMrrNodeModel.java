package org.bertlab.knime.nodes.mrr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.MrrChart;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.model.BertModel;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.EngineProgress;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;
import org.knime.core.util.FileUtil;

/**
 * {@link DictionaryMrr#evaluate} on the dictionary table (and the corpus table, split by language); outputs the
 * per-layer metrics, every pair's rank, and {@link MrrChart} as a PNG image port.
 */
final class DictionaryMrrNodeModel extends BertNodeModel<DictionaryMrrSettings> {

    static final DataTableSpec METRICS = new DataTableSpec(col("layer", IntCell.TYPE), col("direction", StringCell.TYPE),
        col("centred", BooleanCell.TYPE), col("MRR", DoubleCell.TYPE), col("P@1", DoubleCell.TYPE),
        col("P@5", DoubleCell.TYPE), col("P@10", DoubleCell.TYPE), col("evaluated", IntCell.TYPE),
        col("skipped", IntCell.TYPE), col("words", IntCell.TYPE), col("candidates", IntCell.TYPE));

    static final DataTableSpec RANKS = new DataTableSpec(col("layer", IntCell.TYPE), col("direction", StringCell.TYPE),
        col("centred", BooleanCell.TYPE), col("source", StringCell.TYPE), col("target", StringCell.TYPE),
        col("rank", IntCell.TYPE));

    /** Output flow variable: the layer of the highest MRR. */
    static final String VARIABLE_BEST_LAYER = "mrr_best_layer";

    /** Output flow variable: the highest MRR. */
    static final String VARIABLE_BEST_MRR = "mrr_best";

    DictionaryMrrNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[]{BufferedDataTable.TYPE, BufferedDataTable.TYPE, ImagePortObject.TYPE},
            new DictionaryMrrSettings());
    }

    private static org.knime.core.data.DataColumnSpec col(final String name, final org.knime.core.data.DataType t) {
        return new DataColumnSpecCreator(name, t).createSpec();
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        final BertModelPortObjectSpec model = inSpecs[0] == null ? null : ModelSpecs.require(inSpecs[0]);
        m_settings.check();
        if (model != null) {
            m_settings.checkLayers(model.getLayers());
        }
        if (inSpecs[2] == null && m_settings.needsCorpus()) {
            throw new InvalidSettingsException("\"" + DictionaryMrrSettings.LABEL_MODE + "\": "
                + m_settings.m_mode.getStringValue() + " word vectors with " + m_settings.m_candidates.getStringValue()
                + " candidates need a corpus in each language: connect a corpus table (text and language columns) to "
                + "the third port, or choose isolated or static vectors with dictionary candidates");
        }
        final DataTableSpec dictionary = (DataTableSpec)inSpecs[1];
        Tables.stringColumn(dictionary, m_settings.m_source.getStringValue(), DictionaryMrrSettings.LABEL_SOURCE);
        Tables.stringColumn(dictionary, m_settings.m_target.getStringValue(), DictionaryMrrSettings.LABEL_TARGET);
        if (inSpecs[2] != null) {
            final DataTableSpec corpus = (DataTableSpec)inSpecs[2];
            Tables.stringColumn(corpus, m_settings.m_text.getStringValue(), DictionaryMrrSettings.LABEL_TEXT);
            Tables.stringColumn(corpus, m_settings.m_language.getStringValue(), DictionaryMrrSettings.LABEL_LANGUAGE);
        }
        return new PortObjectSpec[]{METRICS, RANKS, new ImagePortObjectSpec(PNGImageContent.TYPE)};
    }

    /**
     * Progress as a fraction of what the engine counts: corpus texts for contextual vectors, words for isolated ones
     * (the dictionary's; corpus candidates add words, and the fraction then stops at 1 a little early).
     */
    private static EngineProgress progress(final ExecutionContext exec, final MrrOptions options,
        final BilingualDictionary dictionary, final List<String> sourceCorpus, final List<String> targetCorpus) {
        return switch (options.mode()) {
            case CONTEXTUAL -> new EngineProgress(exec, (long)sourceCorpus.size() + targetCorpus.size(),
                "corpus texts");
            case ISOLATED -> new EngineProgress(exec,
                (long)dictionary.sources().size() + dictionary.targets().size(), "words");
            case STATIC -> new EngineProgress(exec, 0, "words");
        };
    }

    /** The row with the highest MRR (first of equals) as flow variables, for a loop or a report downstream. */
    private void publishBest(final List<DictionaryMrr.LayerResult> results) {
        DictionaryMrr.LayerResult best = null;
        for (final DictionaryMrr.LayerResult r : results) {
            if (Double.isFinite(r.mrr()) && (best == null || r.mrr() > best.mrr())) {
                best = r;
            }
        }
        if (best != null) {
            pushFlowVariableInt(VARIABLE_BEST_LAYER, best.layer());
            pushFlowVariableDouble(VARIABLE_BEST_MRR, best.mrr());
        }
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final String smaller = "a smaller \"" + DictionaryMrrSettings.LABEL_BATCH + "\", fewer \""
            + DictionaryMrrSettings.LABEL_LAYERS + "\" or a smaller corpus";
        return run("computing the dictionary MRR", smaller, () -> executeNode(in, exec));
    }

    private PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final BertModel model = model(in[0], m_settings.m_run);
        final BufferedDataTable dictTable = (BufferedDataTable)in[1];
        final int src = Tables.stringColumn(dictTable.getDataTableSpec(), m_settings.m_source.getStringValue(),
            DictionaryMrrSettings.LABEL_SOURCE);
        final int tgt = Tables.stringColumn(dictTable.getDataTableSpec(), m_settings.m_target.getStringValue(),
            DictionaryMrrSettings.LABEL_TARGET);
        final List<BilingualDictionary.Pair> pairs = new ArrayList<>();
        long skipped = 0;
        int line = 0;
        for (final DataRow row : dictTable) {
            line++;
            if (row.getCell(src).isMissing() || row.getCell(tgt).isMissing()) {
                skipped++;
                continue;
            }
            pairs.add(new BilingualDictionary.Pair(((StringValue)row.getCell(src)).getStringValue(),
                ((StringValue)row.getCell(tgt)).getStringValue(), line));
        }
        final BilingualDictionary dictionary = BilingualDictionary.of(pairs);
        List<String> sourceCorpus = null;
        List<String> targetCorpus = null;
        if (in[2] != null) {
            final BufferedDataTable corpus = (BufferedDataTable)in[2];
            final int text = Tables.stringColumn(corpus.getDataTableSpec(), m_settings.m_text.getStringValue(),
                DictionaryMrrSettings.LABEL_TEXT);
            final int lang = Tables.stringColumn(corpus.getDataTableSpec(), m_settings.m_language.getStringValue(),
                DictionaryMrrSettings.LABEL_LANGUAGE);
            sourceCorpus = new ArrayList<>();
            targetCorpus = new ArrayList<>();
            for (final DataRow row : corpus) {
                if (row.getCell(text).isMissing() || row.getCell(lang).isMissing()) {
                    skipped++;
                    continue;
                }
                final String value = ((StringValue)row.getCell(text)).getStringValue();
                if (((StringValue)row.getCell(lang)).getStringValue().equals(m_settings.m_sourceLanguage.getStringValue())) {
                    sourceCorpus.add(value);
                } else {
                    targetCorpus.add(value);
                }
            }
        }
        final List<String> sources = sourceCorpus;
        final List<String> targets = targetCorpus;
        final MrrOptions options = m_settings.options(model.config().numLayers());
        final List<DictionaryMrr.LayerResult> results = EngineProgress.call(exec,
            () -> DictionaryMrr.evaluate(model, dictionary, sources, targets, options, progress(exec, options,
                dictionary, sources, targets)));

        final BufferedDataContainer metrics = exec.createDataContainer(METRICS);
        final BufferedDataContainer ranks = exec.createDataContainer(RANKS);
        long m = 0;
        long r = 0;
        for (final DictionaryMrr.LayerResult res : results) {
            final DataCell layer = new IntCell(res.layer());
            final DataCell direction = new StringCell(res.direction().label());
            final DataCell centred = BooleanCell.get(res.centred());
            metrics.addRowToTable(new DefaultRow(RowKey.createRowKey(m++), layer, direction, centred,
                new DoubleCell(res.mrr()), new DoubleCell(res.pAt1()), new DoubleCell(res.pAt5()),
                new DoubleCell(res.pAt10()), new IntCell(res.evaluated()), new IntCell(res.skipped()),
                new IntCell(res.words()), new IntCell(res.candidates())));
            for (final DictionaryMrr.PairRank rank : res.ranks()) {
                ranks.addRowToTable(new DefaultRow(RowKey.createRowKey(r++), layer, direction, centred,
                    new StringCell(rank.source()), new StringCell(rank.target()), new IntCell(rank.rank())));
            }
        }
        metrics.close();
        ranks.close();

        final Path chartFolder = FileUtil.createTempDir("bertlab-mrr").toPath();
        final byte[] png;
        try {
            png = Files.readAllBytes(MrrChart.write(chartFolder.resolve("mrr.png"), "MRR by layer", results));
        } finally {
            FileUtil.deleteRecursively(chartFolder.toFile());
        }
        publishBest(results);
        final String warning = Tables.missingWarning(skipped, "dictionary word or corpus text/language");
        if (warning != null) {
            warn(warning);
        }
        return new PortObject[]{metrics.getTable(), ranks.getTable(),
            new ImagePortObject(new PNGImageContent(png), new ImagePortObjectSpec(PNGImageContent.TYPE))};
    }
}

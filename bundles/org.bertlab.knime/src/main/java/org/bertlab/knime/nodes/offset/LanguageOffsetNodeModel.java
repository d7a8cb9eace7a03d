package org.bertlab.knime.nodes.offset;

import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.LanguageOffset;
import org.bertlab.core.align.OffsetOptions;
import org.bertlab.core.model.BertModel;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.EngineProgress;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * {@link LanguageOffset#evaluate} on a two-language corpus (and optional dictionary): per-layer offset vectors
 * (target mean − source mean, from {@link LanguageOffset#offset}), translations with and without the offset, and
 * accuracy per layer.
 */
final class LanguageOffsetNodeModel extends BertNodeModel<LanguageOffsetSettings> {

    static final DataTableSpec OFFSETS = new DataTableSpec(col("layer", IntCell.TYPE), col("norm", DoubleCell.TYPE),
        col("mean cosine", DoubleCell.TYPE), col("offset", ListCell.getCollectionType(DoubleCell.TYPE)));

    static final DataTableSpec TRANSLATIONS = new DataTableSpec(col("layer", IntCell.TYPE),
        col("source", StringCell.TYPE), col("correct", ListCell.getCollectionType(StringCell.TYPE)),
        col("without offset", ListCell.getCollectionType(StringCell.TYPE)),
        col("with offset", ListCell.getCollectionType(StringCell.TYPE)), col("rank without", IntCell.TYPE),
        col("rank with", IntCell.TYPE));

    static final DataTableSpec ACCURACY = new DataTableSpec(col("layer", IntCell.TYPE), col("evaluated", IntCell.TYPE),
        col("skipped", IntCell.TYPE), col("P@1 without", DoubleCell.TYPE), col("P@5 without", DoubleCell.TYPE),
        col("MRR without", DoubleCell.TYPE), col("P@1 with", DoubleCell.TYPE), col("P@5 with", DoubleCell.TYPE),
        col("MRR with", DoubleCell.TYPE));

    LanguageOffsetNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[]{BufferedDataTable.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE},
            new LanguageOffsetSettings());
    }

    private static DataColumnSpec col(final String name, final DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        final BertModelPortObjectSpec model = inSpecs[0] == null ? null : ModelSpecs.require(inSpecs[0]);
        m_settings.check();
        if (model != null) {
            m_settings.checkLayers(model.getLayers());
        }
        final DataTableSpec corpus = (DataTableSpec)inSpecs[1];
        Tables.stringColumn(corpus, m_settings.m_text.getStringValue(), LanguageOffsetSettings.LABEL_TEXT);
        Tables.stringColumn(corpus, m_settings.m_language.getStringValue(), LanguageOffsetSettings.LABEL_LANGUAGE);
        if (inSpecs[2] != null) {
            final DataTableSpec dictionary = (DataTableSpec)inSpecs[2];
            Tables.stringColumn(dictionary, m_settings.m_source.getStringValue(), LanguageOffsetSettings.LABEL_SOURCE);
            Tables.stringColumn(dictionary, m_settings.m_target.getStringValue(), LanguageOffsetSettings.LABEL_TARGET);
        }
        return new PortObjectSpec[]{OFFSETS, TRANSLATIONS, ACCURACY};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final String smaller = "a smaller \"" + LanguageOffsetSettings.LABEL_BATCH + "\", fewer \""
            + LanguageOffsetSettings.LABEL_LAYERS + "\" or a smaller corpus";
        return run("computing the language offset", smaller, () -> executeNode(in, exec));
    }

    private PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final BertModel model = model(in[0], m_settings.m_run);
        final BufferedDataTable corpus = (BufferedDataTable)in[1];
        final int text =
            Tables.stringColumn(corpus.getDataTableSpec(), m_settings.m_text.getStringValue(), LanguageOffsetSettings.LABEL_TEXT);
        final int lang = Tables.stringColumn(corpus.getDataTableSpec(), m_settings.m_language.getStringValue(),
            LanguageOffsetSettings.LABEL_LANGUAGE);
        final List<String> sourceCorpus = new ArrayList<>();
        final List<String> targetCorpus = new ArrayList<>();
        long skipped = 0;
        for (final DataRow row : corpus) {
            if (row.getCell(text).isMissing() || row.getCell(lang).isMissing()) {
                skipped++;
            } else if (((StringValue)row.getCell(lang)).getStringValue()
                .equals(m_settings.m_sourceLanguage.getStringValue())) {
                sourceCorpus.add(((StringValue)row.getCell(text)).getStringValue());
            } else {
                targetCorpus.add(((StringValue)row.getCell(text)).getStringValue());
            }
        }
        BilingualDictionary dictionary = null;
        if (in[2] != null) {
            final BufferedDataTable dictTable = (BufferedDataTable)in[2];
            final int src = Tables.stringColumn(dictTable.getDataTableSpec(), m_settings.m_source.getStringValue(),
                LanguageOffsetSettings.LABEL_SOURCE);
            final int tgt = Tables.stringColumn(dictTable.getDataTableSpec(), m_settings.m_target.getStringValue(),
                LanguageOffsetSettings.LABEL_TARGET);
            final List<BilingualDictionary.Pair> pairs = new ArrayList<>();
            int line = 0;
            for (final DataRow row : dictTable) {
                line++;
                if (row.getCell(src).isMissing() || row.getCell(tgt).isMissing()) {
                    skipped++;
                } else {
                    pairs.add(new BilingualDictionary.Pair(((StringValue)row.getCell(src)).getStringValue(),
                        ((StringValue)row.getCell(tgt)).getStringValue(), line));
                }
            }
            dictionary = BilingualDictionary.of(pairs);
        }
        final OffsetOptions options = m_settings.options(model.config().numLayers());
        final BilingualDictionary dict = dictionary;
        final LanguageOffset.Report report = EngineProgress.call(exec, () -> LanguageOffset.evaluate(model,
            sourceCorpus, targetCorpus, dict, options, new EngineProgress(exec.createSubProgress(0.9),
            (long)sourceCorpus.size() + targetCorpus.size(), "corpus texts")));

        final BufferedDataContainer offsets = exec.createDataContainer(OFFSETS);
        final BufferedDataContainer accuracy = exec.createDataContainer(ACCURACY);
        long i = 0;
        for (final LanguageOffset.LayerResult r : report.layers()) {
            final List<DataCell> values = new ArrayList<>(r.offset().length);
            for (final float v : r.offset()) {
                values.add(new DoubleCell(v));
            }
            final RowKey key = RowKey.createRowKey(i++);
            offsets.addRowToTable(new DefaultRow(key, new IntCell(r.layer()), new DoubleCell(r.offsetNorm()),
                new DoubleCell(r.meanCosine()), CollectionCellFactory.createListCell(values)));
            accuracy.addRowToTable(new DefaultRow(key, new IntCell(r.layer()), new IntCell(r.evaluated()),
                new IntCell(r.skipped()), new DoubleCell(r.accuracyAt1Without()), new DoubleCell(r.accuracyAt5Without()),
                new DoubleCell(r.mrrWithout()), new DoubleCell(r.accuracyAt1With()), new DoubleCell(r.accuracyAt5With()),
                new DoubleCell(r.mrrWith())));
        }
        offsets.close();
        accuracy.close();
        final BufferedDataContainer translations = exec.createDataContainer(TRANSLATIONS);
        long t = 0;
        for (final LanguageOffset.Translation tr : report.translations()) {
            translations.addRowToTable(new DefaultRow(RowKey.createRowKey(t++), new IntCell(tr.layer()),
                new StringCell(tr.source()), strings(tr.correct()), strings(tr.withoutOffset()),
                strings(tr.withOffset()), new IntCell(tr.rankWithout()), new IntCell(tr.rankWith())));
        }
        translations.close();
        final String warning = Tables.missingWarning(skipped, "corpus text/language or dictionary word");
        if (warning != null) {
            warn(warning);
        }
        return new PortObject[]{offsets.getTable(), translations.getTable(), accuracy.getTable()};
    }

    private static DataCell strings(final List<String> values) {
        return CollectionCellFactory.createListCell(values.stream().map(v -> (DataCell)new StringCell(v)).toList());
    }
}

package org.bertlab.knime.nodes.mapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.mapping.UnknownSymbolPolicy;
import org.bertlab.core.mapping.VocabularyCandidates;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.container.SingleCellFactory;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Builds a {@link TokenMapping} from the sequences (frequency-rank or seeded random matching onto word-like
 * vocabulary tokens), appends the mapped text, and outputs a copy of the model that carries the mapping
 * (token_mapping.tsv, saved with the model).
 */
final class TokenMapperNodeModel extends BertNodeModel<TokenMapperSettings> {

    /** The token mapping's description in the output spec before execution. */
    static final String MAPPING_AT_CONFIGURE = "token_mapping.tsv (built from the sequences at execution)";

    TokenMapperNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{BertModelPortObject.TYPE, BufferedDataTable.TYPE}, new TokenMapperSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.check();
        final BertModelPortObjectSpec model = inSpecs[0] == null ? null : ModelSpecs.require(inSpecs[0]);
        final DataTableSpec table = (DataTableSpec)inSpecs[1];
        Tables.stringColumn(table, m_settings.m_column.getStringValue(), TokenMapperSettings.LABEL_COLUMN);
        // the same model, with a mapping built from the sequences when the node executes
        return new PortObjectSpec[]{model == null ? null : model.withTokenMapping(MAPPING_AT_CONFIGURE),
            new DataTableSpec(table, new DataTableSpec(mappedColumn(table)))};
    }

    private static org.knime.core.data.DataColumnSpec mappedColumn(final DataTableSpec table) {
        return new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(table, "mapped text"), StringCell.TYPE)
            .createSpec();
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final String smaller = "fewer input sequences";
        return run("mapping the tokens", smaller, () -> executeNode(in, exec));
    }

    private PortObject[] executeNode(final PortObject[] in, final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        final LoadOptions runtime = ((BertModelPortObject)in[0]).loadOptions();
        final BertModel model = model(in[0]);
        final BufferedDataTable table = (BufferedDataTable)in[1];
        final int col =
            Tables.stringColumn(table.getDataTableSpec(), m_settings.m_column.getStringValue(), TokenMapperSettings.LABEL_COLUMN);
        final List<String> sequences = new ArrayList<>();
        long skipped = 0;
        for (final DataRow row : table) {
            if (row.getCell(col).isMissing()) {
                skipped++;
            } else {
                sequences.add(((StringValue)row.getCell(col)).getStringValue());
            }
        }
        final SymbolTokenizer tokenizer = m_settings.tokenizer();
        final List<String> candidates = VocabularyCandidates.wordLike(model.tokenizer().vocabulary());
        final TokenMapping mapping;
        if (m_settings.m_strategy.getStringValue().equals(TokenMapperSettings.STRATEGY_RANDOM)) {
            final Set<String> symbols = new LinkedHashSet<>();
            sequences.forEach(s -> symbols.addAll(tokenizer.split(s)));
            mapping = TokenMapping.random(tokenizer, symbols, candidates, m_settings.m_seed.getLongValue());
        } else {
            mapping = TokenMapping.byFrequency(tokenizer, sequences, candidates);
        }
        final TokenMapping applied =
            mapping.withUnknownPolicy(UnknownSymbolPolicy.fromSetting(m_settings.m_unknown.getStringValue()));

        final ColumnRearranger rearranger = new ColumnRearranger(table.getDataTableSpec());
        rearranger.append(new SingleCellFactory(mappedColumn(table.getDataTableSpec())) {
            @Override
            public DataCell getCell(final DataRow row) {
                final DataCell cell = row.getCell(col);
                return cell.isMissing() ? DataType.getMissingCell()
                    : new StringCell(applied.apply(((StringValue)cell).getStringValue()));
            }
        });
        final BufferedDataTable out = exec.createColumnRearrangeTable(table, rearranger, exec);
        final String warning = Tables.missingWarning(skipped, "sequence");
        if (warning != null) {
            warn(warning);
        }

        // a copy of the model with the mapping (the input port's model may feed other nodes too), made last so
        // that a cancel while the table is mapped leaves no copy behind; the port takes it over
        exec.setMessage("Attaching the mapping to a copy of the model");
        final TrainableModel mapped = TrainableModel.copyOf(model);
        try {
            AttachedMapping.attach(mapped, applied);
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
        return new PortObject[]{modelPort(exec, mapped.release(), runtime), out};
    }
}

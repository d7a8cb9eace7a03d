package org.bertlab.knime.util;

import java.util.List;

import org.bertlab.core.train.SquadJson;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;

/**
 * The extractive QA table that Fine-Tune's QA task and the Predictor's answers take: one row per question in the
 * columns of {@link SquadJson#COLUMNS}, with {@code answer_start} an integer (a UTF-16 offset into the context, as
 * Java and KNIME index strings) and {@code other_answers} the further gold answers joined by " | " (missing when
 * there are none).
 */
public final class QaTables {

    public static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(0), StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(1), StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(2), StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(3), StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(4), StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(5), IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator(SquadJson.COLUMNS.get(6), StringCell.TYPE).createSpec());

    private QaTables() {
    }

    /** The first {@code limit} items (all when {@code limit} is 0) as a table. */
    public static BufferedDataTable table(final List<SquadJson.Item> items, final int limit,
        final ExecutionContext exec) throws CanceledExecutionException {
        final int n = limit <= 0 ? items.size() : Math.min(limit, items.size());
        final BufferedDataContainer out = exec.createDataContainer(SPEC);
        for (int i = 0; i < n; i++) {
            exec.checkCanceled();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), cells(items.get(i))));
        }
        out.close();
        return out.getTable();
    }

    static DataCell[] cells(final SquadJson.Item item) {
        return new DataCell[]{new StringCell(item.id()), new StringCell(item.title()), new StringCell(item.context()),
            new StringCell(item.question()), new StringCell(item.answerText()), new IntCell(item.answerStart()),
            item.otherAnswers().isEmpty() ? DataType.getMissingCell()
                : new StringCell(String.join(" | ", item.otherAnswers()))};
    }
}

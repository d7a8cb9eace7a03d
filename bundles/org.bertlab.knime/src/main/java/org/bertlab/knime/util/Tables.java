package org.bertlab.knime.util;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;

/** Column look-ups with errors that name the dialog field. */
public final class Tables {

    /**
     * The text of the "no column" entry of an optional column drop-down. The dialog stores {@code null} for it
     * (knime-core's ColumnSelectionPanel returns no column name), which is also the settings' default; workflows
     * saved with this text, as an early version of the nodes stored it, still read as no column.
     */
    public static final String NONE = "<none>";

    private Tables() {
    }

    public static int column(final DataTableSpec spec, final String name, final String label)
        throws InvalidSettingsException {
        if (isNone(name)) {
            throw new InvalidSettingsException("\"" + label + "\": choose a column");
        }
        final int index = spec.findColumnIndex(name);
        if (index < 0) {
            throw new InvalidSettingsException("\"" + label + "\": the input has no column \"" + name + "\"");
        }
        return index;
    }

    /** A text column: it must exist and hold strings (a number or a list is not a text to a BERT). */
    public static int stringColumn(final DataTableSpec spec, final String name, final String label)
        throws InvalidSettingsException {
        final int index = column(spec, name, label);
        if (!spec.getColumnSpec(index).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("\"" + label + "\": column \"" + name + "\" holds "
                + spec.getColumnSpec(index).getType() + ", not text; choose a string column (or convert it, e.g. with "
                + "Number to String)");
        }
        return index;
    }

    /** -1 when the optional text column is not chosen; a chosen one must hold strings. */
    public static int optionalStringColumn(final DataTableSpec spec, final String name, final String label)
        throws InvalidSettingsException {
        return isNone(name) ? -1 : stringColumn(spec, name, label);
    }

    /** Whether an optional column setting means "no column": null as the dialog stores it, empty or {@link #NONE}. */
    public static boolean isNone(final String name) {
        return name == null || name.isEmpty() || NONE.equals(name);
    }

    /** -1 when the optional column is not chosen. */
    public static int optionalColumn(final DataTableSpec spec, final String name, final String label)
        throws InvalidSettingsException {
        return isNone(name) ? -1 : column(spec, name, label);
    }

    public static String missingWarning(final long skipped, final String what) {
        return skipped == 0 ? null : skipped + " row(s) skipped: missing " + what;
    }
}

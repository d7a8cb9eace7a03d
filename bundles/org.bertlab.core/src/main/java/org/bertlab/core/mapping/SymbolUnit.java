package org.bertlab.core.mapping;

import org.apache.commons.lang3.StringUtils;

/** What a symbol of the source discipline is, with the name used in settings and in the mapping file. */
public enum SymbolUnit {

    /** A k-mer: k consecutive letters of a DNA or protein sequence. */
    KMER("kmer"),

    /** A discrete unit id (e.g. a HuBERT speech unit); the raw sequence is whitespace separated. */
    UNIT("unit");

    private final String settingName;

    SymbolUnit(String settingName) {
        this.settingName = settingName;
    }

    /** @return the name used in settings and files */
    public String settingName() {
        return settingName;
    }

    /**
     * @param name {@code kmer} or {@code unit}, case ignored
     * @return the unit
     * @throws IllegalArgumentException naming the allowed values
     */
    public static SymbolUnit fromSettingName(String name) {
        for (SymbolUnit unit : values()) {
            if (unit.settingName.equalsIgnoreCase(StringUtils.trimToEmpty(name))) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unit must be one of kmer, unit but was '" + name + "'");
    }
}

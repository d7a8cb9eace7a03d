package org.bertlab.core.mapping;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.bertlab.core.io.OutputFile;
import org.bertlab.core.io.TextLines;

/**
 * Saves and loads a {@link TokenMapping} as {@value #FILE_NAME}, a small UTF-8 TSV that a model folder carries
 * beside vocab.txt so the model can be applied to new raw sequences exactly as it was fine-tuned:
 *
 * <pre>
 * # k=3 stride=3 unit=kmer unknown=fail
 * symbol	token
 * ACG	house
 * ...
 * </pre>
 *
 * The comment line holds the {@link SymbolTokenizer} settings and the {@link UnknownSymbolPolicy}; the rows keep
 * the mapping's order. Loading validates everything and names file and line on error.
 */
public final class TokenMappingFile {

    /** The file name inside a model folder. */
    public static final String FILE_NAME = "token_mapping.tsv";

    private static final String HEADER = "symbol\ttoken";

    private TokenMappingFile() {
    }

    /**
     * @param mapping the mapping
     * @param file the file to create or overwrite
     * @throws IOException when it cannot be written
     */
    public static void write(TokenMapping mapping, Path file) throws IOException {
        OutputFile.writeString(file, List.of(), format(mapping));
    }

    /**
     * @param mapping the mapping
     * @return the file's text: the settings line, the header and one line per symbol
     */
    public static String format(TokenMapping mapping) {
        Validate.notNull(mapping, "mapping must not be null");
        List<String> lines = new ArrayList<>();
        lines.add("# " + mapping.tokenizer().settings() + " unknown=" + mapping.unknownPolicy().setting());
        lines.add(HEADER);
        mapping.asMap().forEach((symbol, token) -> lines.add(symbol + "\t" + token));
        return String.join("\n", lines) + "\n";
    }

    /**
     * @param mapping the mapping
     * @param modelFolder an existing folder
     * @return the written file, {@code modelFolder/token_mapping.tsv}
     * @throws IOException when it cannot be written
     */
    public static Path writeToFolder(TokenMapping mapping, Path modelFolder) throws IOException {
        Path file = modelFolder.resolve(FILE_NAME);
        write(mapping, file);
        return file;
    }

    /**
     * @param modelFolder a folder holding {@value #FILE_NAME}
     * @return the mapping
     * @throws IOException when it cannot be read
     */
    public static TokenMapping readFromFolder(Path modelFolder) throws IOException {
        return read(modelFolder.resolve(FILE_NAME));
    }

    /**
     * @param file a mapping file
     * @return the mapping
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException naming file and line of the first problem
     */
    public static TokenMapping read(Path file) throws IOException {
        return parse(TextLines.readAll(file), file.toString());
    }

    /**
     * @param lines the lines of a mapping file
     * @param file names the file in messages
     * @return the mapping
     * @throws IllegalArgumentException naming file and line of the first problem
     */
    public static TokenMapping parse(List<String> lines, String file) {
        Validate.isTrue(lines.size() >= 2, "%s: expected a '# k=.. stride=.. unit=..' line and a '%s' header",
                file, "symbol<TAB>token");
        SymbolTokenizer tokenizer;
        UnknownSymbolPolicy policy;
        try {
            Map<String, String> settings = settings(lines.get(0));
            Validate.isTrue(settings.keySet().equals(Set.of("k", "stride", "unit", "unknown")),
                    "expected the settings k, stride, unit, unknown but found %s", settings.keySet());
            tokenizer = new SymbolTokenizer(SymbolUnit.fromSettingName(settings.get("unit")),
                    positiveInt(settings, "k"), positiveInt(settings, "stride"));
            policy = UnknownSymbolPolicy.fromSetting(settings.get("unknown"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line 1: " + e.getMessage(), e);
        }
        Validate.isTrue(HEADER.equals(lines.get(1)), "%s line 2: expected the header 'symbol<TAB>token' but found '%s'",
                file, lines.get(1));
        MappingTable table = new MappingTable(tokenizer);
        for (int i = 2; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            Validate.isTrue(fields.length == 2,
                    "%s line %d: expected 'symbol<TAB>token' but found %d field(s) in '%s'", file, i + 1,
                    fields.length, lines.get(i));
            try {
                table.add(fields[0], fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        try {
            return TokenMapping.of(table, policy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line 1: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> settings(String line) {
        Validate.isTrue(line.startsWith("# "),
                "expected a comment '# k=.. stride=.. unit=.. unknown=..' but found '%s'", line);
        Map<String, String> settings = new TreeMap<>();
        for (String pair : StringUtils.split(line.substring(2))) {
            String key = StringUtils.substringBefore(pair, "=");
            Validate.isTrue(pair.contains("=") && settings.put(key, StringUtils.substringAfter(pair, "=")) == null,
                    "setting '%s' is not key=value or repeats a key", pair);
        }
        return settings;
    }

    private static int positiveInt(Map<String, String> settings, String key) {
        String value = settings.get(key);
        Validate.isTrue(StringUtils.isNumeric(value) && value.length() <= 9,
                "%s must be a positive integer but was '%s'", key, value);
        return Integer.parseInt(value);
    }
}

package org.bertlab.core.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.bertlab.core.io.OutputFile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Reads and writes the Hugging Face safetensors format (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian unsigned header length N, N bytes of UTF-8 JSON
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}}, then the data
 * buffer, offsets relative to its start.
 *
 * <p>Reading converts F32, F16, BF16 and F64 tensors to float32. Integer and boolean tensors (for example the
 * {@code embeddings.position_ids} buffer older BERT checkpoints carry) are not weights: they are skipped, and
 * {@link #skippedNames(Path)} lists them. Tensors are read one at a time through a small reusable buffer, so a
 * 700 MB checkpoint costs its float arrays and nothing more.
 *
 * <p>Writing produces float32 tensors only, with the header padded by spaces to a multiple of 8 bytes as the
 * reference implementation does, and replaces the target atomically.
 */
public final class Safetensors {

    /** The file name {@code save_pretrained} gives a single-file checkpoint. */
    public static final String MODEL_FILE = "model.safetensors";

    /** The index {@code save_pretrained} writes beside a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    /** The header key that holds string metadata rather than a tensor. */
    public static final String METADATA_KEY = "__metadata__";

    /** The reference implementation refuses headers beyond 100 MB; so do we, before allocating. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /** Chunk size for streaming tensor data: a multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Integer and boolean dtypes: valid, but not weights. */
    private static final Set<String> SKIPPED_DTYPES =
        Set.of("BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64", "F8_E4M3", "F8_E5M2");

    private Safetensors() {
    }

    /** A header entry after validation. */
    private record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    /** A parsed and validated header. */
    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    /**
     * Reads every floating-point tensor of a safetensors file.
     *
     * @param file a {@code .safetensors} file
     * @return the tensors as float32, in header order
     * @throws WeightFormatException if the file is not valid safetensors, naming the file and the tensor
     * @throws IOException if the file cannot be read
     */
    public static LinkedHashMap<String, NamedTensor> read(final Path file) throws IOException {
        Validate.notNull(file, "file must not be null");
        try (FileChannel ch = open(file)) {
            final Header header = readHeader(file, ch);
            final LinkedHashMap<String, NamedTensor> out = new LinkedHashMap<>();
            final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (final Entry e : header.entries()) {
                if (!SKIPPED_DTYPES.contains(e.dtype())) {
                    out.put(e.name(), readTensor(file, ch, header.dataStart(), e, chunk));
                }
            }
            return out;
        }
    }

    /**
     * Lists the tensors {@link #read(Path)} skips because they hold integers or booleans, reading only the header.
     *
     * @param file a {@code .safetensors} file
     * @return names of the integer and boolean tensors, in header order
     * @throws IOException if the file cannot be read or is not valid safetensors
     */
    public static Set<String> skippedNames(final Path file) throws IOException {
        Validate.notNull(file, "file must not be null");
        try (FileChannel ch = open(file)) {
            final Set<String> out = new LinkedHashSet<>();
            for (final Entry e : readHeader(file, ch).entries()) {
                if (SKIPPED_DTYPES.contains(e.dtype())) {
                    out.add(e.name());
                }
            }
            return out;
        }
    }

    /**
     * Reads the {@code __metadata__} of a safetensors file, reading only the header.
     *
     * @param file a {@code .safetensors} file
     * @return the metadata, empty if there is none
     * @throws IOException if the file cannot be read or is not valid safetensors
     */
    public static LinkedHashMap<String, String> readMetadata(final Path file) throws IOException {
        Validate.notNull(file, "file must not be null");
        try (FileChannel ch = open(file)) {
            return new LinkedHashMap<>(readHeader(file, ch).metadata());
        }
    }

    /**
     * Reads a Hugging Face model folder: {@value #INDEX_FILE} with its shards if present, otherwise
     * {@value #MODEL_FILE}. Each shard is read once.
     *
     * @param folder the folder {@code save_pretrained} wrote
     * @return the floating-point tensors; for a sharded checkpoint in the order of the index's weight map
     * @throws WeightFormatException if neither file is there, the index is malformed, a shard is missing, or a
     *             shard lacks a tensor the index assigns to it
     * @throws IOException if a file cannot be read
     */
    public static LinkedHashMap<String, NamedTensor> readFolder(final Path folder) throws IOException {
        Validate.notNull(folder, "folder must not be null");
        if (!Files.isDirectory(folder)) {
            throw new WeightFormatException(folder, "is not a folder; give the folder holding " + MODEL_FILE
                + " or " + INDEX_FILE + ", or read a single file with Safetensors.read");
        }
        final Path index = folder.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return readSharded(folder, index);
        }
        final Path single = folder.resolve(MODEL_FILE);
        if (Files.isRegularFile(single)) {
            return read(single);
        }
        throw new WeightFormatException(folder, "holds neither " + MODEL_FILE + " nor " + INDEX_FILE
            + "; save the model with save_pretrained(..., safe_serialization=True) or convert its pytorch_model.bin");
    }

    private static LinkedHashMap<String, NamedTensor> readSharded(final Path folder, final Path index)
        throws IOException {
        final Map<String, String> weightMap = parseWeightMap(index);
        // Check every shard before reading any: a missing shard is the common failure (an interrupted download).
        final LinkedHashMap<String, Path> shards = new LinkedHashMap<>();
        final Path base = folder.toAbsolutePath().normalize();
        for (final String shardName : weightMap.values()) {
            if (shards.containsKey(shardName)) {
                continue;
            }
            final Path shard = base.resolve(shardName).normalize();
            if (!shard.startsWith(base)) {
                throw new WeightFormatException(index, "shard \"" + shardName + "\" lies outside the model folder");
            }
            if (!Files.isRegularFile(shard)) {
                throw new WeightFormatException(index, "lists shard " + shardName + " but " + shard
                    + " does not exist; download the complete checkpoint (all model-*-of-*.safetensors files)");
            }
            shards.put(shardName, shard);
        }
        final Map<String, LinkedHashMap<String, NamedTensor>> byShard = new LinkedHashMap<>();
        final Map<String, Set<String>> skippedByShard = new LinkedHashMap<>();
        for (final Map.Entry<String, Path> s : shards.entrySet()) {
            byShard.put(s.getKey(), read(s.getValue()));
            skippedByShard.put(s.getKey(), skippedNames(s.getValue()));
        }
        final LinkedHashMap<String, NamedTensor> out = new LinkedHashMap<>();
        for (final Map.Entry<String, String> w : weightMap.entrySet()) {
            final NamedTensor t = byShard.get(w.getValue()).get(w.getKey());
            if (t != null) {
                out.put(w.getKey(), t);
            } else if (!skippedByShard.get(w.getValue()).contains(w.getKey())) {
                throw new WeightFormatException(shards.get(w.getValue()), "has no tensor \"" + w.getKey()
                    + "\" although " + index.getFileName() + " assigns it to this shard; the shards and the index "
                    + "come from different checkpoints");
            }
        }
        return out;
    }

    private static Map<String, String> parseWeightMap(final Path index) throws IOException {
        final JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8));
        } catch (final JsonParseException | IOException e) {
            throw new WeightFormatException(index.toString(), "is not readable JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("weight_map")
            || !root.getAsJsonObject().get("weight_map").isJsonObject()) {
            throw new WeightFormatException(index, "has no \"weight_map\" object mapping tensor names to shard files");
        }
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonElement> e : root.getAsJsonObject().getAsJsonObject("weight_map")
            .entrySet()) {
            if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()
                || StringUtils.isBlank(e.getValue().getAsString())) {
                throw new WeightFormatException(index,
                    "weight_map entry \"" + e.getKey() + "\" is not a shard file name: " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().getAsString());
        }
        return out;
    }

    /**
     * Writes tensors as float32 safetensors. The header's {@code __metadata__} holds {@code "format": "pt"} (so
     * Hugging Face loaders accept the file) followed by the given entries, which may override it. The data goes to
     * a temporary file in the target's folder that is then moved over the target, so readers never see a
     * half-written file.
     *
     * @param file the target, replaced if it exists; missing parent folders are created
     * @param tensors the tensors, laid out in this order; names must be unique
     * @param metadata extra string metadata, may be empty
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void write(final Path file, final Collection<NamedTensor> tensors,
        final Map<String, String> metadata) throws IOException {
        Validate.notNull(file, "file must not be null");
        Validate.notNull(tensors, "tensors must not be null");
        Validate.notNull(metadata, "metadata must not be null (use Map.of())");
        final JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        metadata.forEach((k, v) -> meta.addProperty(Validate.notNull(k, "metadata key"),
            Validate.notNull(v, "metadata value of %s", k)));
        final JsonObject header = new JsonObject();
        header.add(METADATA_KEY, meta);
        final Set<String> seen = new HashSet<>();
        long offset = 0;
        for (final NamedTensor t : tensors) {
            Validate.notNull(t, "tensors must not contain null");
            Validate.isTrue(!METADATA_KEY.equals(t.name()), "a tensor must not be named %s", METADATA_KEY);
            Validate.isTrue(seen.add(t.name()), "duplicate tensor name %s", t.name());
            final JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            final JsonArray shape = new JsonArray();
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.add("shape", shape);
            final JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * t.values().length;
            offsets.add(offset);
            entry.add("data_offsets", offsets);
            header.add(t.name(), entry);
        }
        final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        final byte[] json = gson.toJson(header).getBytes(StandardCharsets.UTF_8);
        // Pad so the data buffer starts 8-byte aligned, as the reference writer does.
        final int padded = (json.length + 7) / 8 * 8;

        try (OutputFile out = OutputFile.open(file, List.of())) {
            final WritableByteChannel ch = Channels.newChannel(out.stream());
            final ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte)' ');
            }
            writeFully(ch, head.flip());
            final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (final NamedTensor t : tensors) {
                final float[] v = t.values();
                for (int i = 0; i < v.length;) {
                    final int n = Math.min(v.length - i, CHUNK_BYTES / 4);
                    chunk.clear();
                    chunk.asFloatBuffer().put(v, i, n);
                    chunk.limit(n * 4);
                    writeFully(ch, chunk);
                    i += n;
                }
            }
            out.commit();
        }
    }

    private static void writeFully(final WritableByteChannel ch, final ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static FileChannel open(final Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (final NoSuchFileException e) {
            throw new WeightFormatException(file.toString(), "does not exist", e);
        }
    }

    private static void readFully(final FileChannel ch, final ByteBuffer buf, final long position)
        throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            final int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static Header readHeader(final Path file, final FileChannel ch) throws IOException {
        final long size = ch.size();
        if (size < 8) {
            throw new WeightFormatException(file, "is " + size + " bytes long, shorter than the 8-byte header "
                + "length every safetensors file starts with; the file is empty or truncated (interrupted download?)");
        }
        final ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        final long n = lenBuf.flip().getLong();
        if (n < 0 || n > size - 8) {
            throw new WeightFormatException(file, "header length field says " + Long.toUnsignedString(n)
                + " bytes but the file has only " + (size - 8) + " bytes after it; the file is truncated or not "
                + "safetensors (a pytorch_model.bin or a Git LFS pointer?)");
        }
        if (n > MAX_HEADER_BYTES) {
            throw new WeightFormatException(file, "header length " + n + " bytes exceeds the 100 MB limit of the "
                + "safetensors format; the file is not safetensors");
        }
        final ByteBuffer headerBytes = ByteBuffer.allocate((int)n);
        readFully(ch, headerBytes, 8);
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBytes.flip()).toString();
        } catch (final CharacterCodingException e) {
            throw new WeightFormatException(file.toString(), "header is not UTF-8 text; the file is not safetensors",
                e);
        }
        final JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (final JsonParseException e) {
            throw new WeightFormatException(file.toString(),
                "header is not JSON (" + e.getMessage() + "); the file is not safetensors or is corrupt", e);
        }
        if (!root.isJsonObject()) {
            throw new WeightFormatException(file, "header is not JSON object but " + StringUtils.abbreviate(
                String.valueOf(root), 60) + "; the file is not safetensors or is corrupt");
        }
        final long dataStart = 8 + n;
        final long dataLen = size - dataStart;
        final List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = Collections.emptyMap();
        for (final Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            if (METADATA_KEY.equals(e.getKey())) {
                metadata = parseMetadata(file, e.getValue());
            } else {
                entries.add(parseEntry(file, e.getKey(), e.getValue(), dataLen));
            }
        }
        refuseOverlaps(file, entries);
        return new Header(entries, metadata, dataStart);
    }

    /**
     * Two tensors sharing bytes would load as silently linked weights; the format forbids it and the reference
     * implementation refuses it.
     */
    private static void refuseOverlaps(final Path file, final List<Entry> entries) throws WeightFormatException {
        final List<Entry> byStart = entries.stream().filter(e -> e.end() > e.begin())
            .sorted(java.util.Comparator.comparingLong(Entry::begin)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            final Entry previous = byStart.get(i - 1);
            final Entry e = byStart.get(i);
            if (e.begin() < previous.end()) {
                throw new WeightFormatException(file, "tensors \"" + previous.name() + "\" (bytes " + previous.begin()
                    + ".." + previous.end() + ") and \"" + e.name() + "\" (bytes " + e.begin() + ".." + e.end()
                    + ") overlap in the data buffer; the file is corrupt or crafted");
            }
        }
    }

    private static Map<String, String> parseMetadata(final Path file, final JsonElement el)
        throws WeightFormatException {
        if (!el.isJsonObject()) {
            throw new WeightFormatException(file, METADATA_KEY + " is not a JSON object of strings");
        }
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonElement> m : el.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                throw new WeightFormatException(file,
                    METADATA_KEY + " entry \"" + m.getKey() + "\" is not a string: " + m.getValue());
            }
            out.put(m.getKey(), m.getValue().getAsString());
        }
        return out;
    }

    private static Entry parseEntry(final Path file, final String name, final JsonElement el, final long dataLen)
        throws WeightFormatException {
        final String where = "tensor \"" + name + "\": ";
        if (!el.isJsonObject()) {
            throw new WeightFormatException(file, where + "header entry is not a JSON object");
        }
        final JsonObject o = el.getAsJsonObject();
        final JsonElement dtypeEl = o.get("dtype");
        if (dtypeEl == null || !dtypeEl.isJsonPrimitive() || !dtypeEl.getAsJsonPrimitive().isString()) {
            throw new WeightFormatException(file, where + "no \"dtype\" string");
        }
        final String dtype = dtypeEl.getAsString();
        final int elementBytes = elementBytes(dtype);
        if (elementBytes < 0) {
            throw new WeightFormatException(file, where + "unknown dtype \"" + dtype + "\"; this reader knows F32, "
                + "F16, BF16, F64 (converted to float32) and " + new TreeSet<>(SKIPPED_DTYPES)
                + " (skipped)");
        }
        final long[] shape = longArray(file, where, "shape", o.get("shape"));
        final long[] offsets = longArray(file, where, "data_offsets", o.get("data_offsets"));
        if (offsets.length != 2) {
            throw new WeightFormatException(file,
                where + "data_offsets must be [begin, end] but is " + Arrays.toString(offsets));
        }
        final long begin = offsets[0];
        final long end = offsets[1];
        if (begin > end || end > dataLen) {
            throw new WeightFormatException(file, where + "data_offsets " + Arrays.toString(offsets)
                + " lie outside the data buffer of " + dataLen + " bytes; the file is truncated or corrupt");
        }
        final long numel;
        try {
            numel = NamedTensor.numel(shape);
        } catch (final ArithmeticException e) {
            throw new WeightFormatException(file, where + "shape " + Arrays.toString(shape) + " is too large");
        }
        if (numel > Integer.MAX_VALUE && !SKIPPED_DTYPES.contains(dtype)) {
            throw new WeightFormatException(file, where + "shape " + Arrays.toString(shape) + " holds " + numel
                + " elements, more than a Java array can hold");
        }
        final long expected = numel * elementBytes;
        if (end - begin != expected) {
            throw new WeightFormatException(file, where + "shape " + Arrays.toString(shape) + " of " + dtype
                + " needs " + expected + " bytes but data_offsets " + Arrays.toString(offsets) + " span "
                + (end - begin) + "; the header is corrupt");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long[] longArray(final Path file, final String where, final String key, final JsonElement el)
        throws WeightFormatException {
        if (el == null || !el.isJsonArray()) {
            throw new WeightFormatException(file, where + "no \"" + key + "\" array");
        }
        final JsonArray a = el.getAsJsonArray();
        final long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            final JsonElement x = a.get(i);
            final long v;
            try {
                if (!x.isJsonPrimitive() || !((JsonPrimitive)x).isNumber()) {
                    throw new NumberFormatException();
                }
                v = x.getAsBigDecimal().longValueExact();
            } catch (final NumberFormatException | ArithmeticException e) {
                throw new WeightFormatException(file, where + key + " holds " + x + ", not an integer");
            }
            if (v < 0) {
                throw new WeightFormatException(file, where + key + " holds the negative number " + v);
            }
            out[i] = v;
        }
        return out;
    }

    /** @return bytes per element, or -1 for an unknown dtype */
    private static int elementBytes(final String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "BOOL", "U8", "I8", "F8_E4M3", "F8_E5M2" -> 1;
            default -> -1;
        };
    }

    private static NamedTensor readTensor(final Path file, final FileChannel ch, final long dataStart,
        final Entry e, final ByteBuffer chunk) throws IOException {
        final FloatType type = FloatType.valueOf(e.dtype());
        final int numel = (int)((e.end() - e.begin()) / type.bytes());
        final float[] values = new float[numel];
        final int perChunk = chunk.capacity() / type.bytes();
        long pos = dataStart + e.begin();
        for (int i = 0; i < numel;) {
            final int n = Math.min(numel - i, perChunk);
            chunk.clear().limit(n * type.bytes());
            try {
                readFully(ch, chunk, pos);
            } catch (final IOException ex) {
                throw new WeightFormatException(file.toString(), "tensor \"" + e.name() + "\": " + ex.getMessage(),
                    ex);
            }
            chunk.flip();
            type.decode(chunk, values, i, n);
            pos += (long)n * type.bytes();
            i += n;
        }
        return new NamedTensor(e.name(), e.shape(), values);
    }
}

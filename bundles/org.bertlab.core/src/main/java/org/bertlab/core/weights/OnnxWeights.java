package org.bertlab.core.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * Reads the weights of a BERT exported to ONNX (as Hugging Face optimum and {@code torch.onnx.export} write it) as
 * Hugging Face named tensors, by walking the protobuf with {@link ProtobufReader}; no ONNX runtime is involved.
 *
 * <p>Field numbers follow {@code onnx/onnx.proto}: ModelProto.graph = 7; GraphProto.node = 1, initializer = 5;
 * NodeProto.input = 1, name = 3, op_type = 4, attribute = 5; AttributeProto.name = 1, i = 3; TensorProto.dims = 1,
 * data_type = 2, float_data = 4, int32_data = 5, name = 8, raw_data = 9, double_data = 10, external_data = 13,
 * data_location = 14.
 *
 * <p>Naming. Biases, LayerNorm parameters and embedding tables keep their module names in the export
 * ({@code encoder.layer.0.attention.output.LayerNorm.weight}). The exporter folds each Linear weight into a MatMul
 * constant with a generated name ({@code onnx::MatMul_787}) stored {@code [in, out]}; such a tensor is named after
 * the MatMul node that consumes it ({@code /encoder/layer.0/attention/self/query/MatMul} becomes
 * {@code encoder.layer.0.attention.self.query.weight}) and transposed to the Hugging Face Linear layout
 * {@code [out, in]}. A Gemm node (what a Linear on 2-D input, such as the pooler, exports to) is handled the same
 * way, transposing only when its {@code transB} is 0, and a generated name of its bias becomes {@code ….bias}.
 * Names are returned as the module paths they have; a {@code bert.} prefix is kept for the caller to strip.
 *
 * <p>Dropped: initializers that are not floating point (int64 shape constants and the like), scalars, and
 * floating-point constants with generated names that no MatMul or Gemm consumes as its weight (e.g. the attention
 * scale {@code /encoder/layer.0/attention/self/Constant_output_0}). Models with external data are refused.
 */
public final class OnnxWeights {

    /** TensorProto.DataType values this reader converts to float32. */
    private static final int FLOAT = 1;
    private static final int FLOAT16 = 10;
    private static final int DOUBLE = 11;
    private static final int BFLOAT16 = 16;

    /** TensorProto.DataLocation EXTERNAL. */
    private static final int EXTERNAL = 1;

    /** A module path such as {@code encoder.layer.0.output.dense.bias}, not a generated name ({@code onnx::…}). */
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    private static final String FIRST_QUERY = "encoder.layer.0.attention.self.query.weight";

    private OnnxWeights() {
    }

    /** An initializer as stored, its data still a view into the file. */
    private static final class RawTensor {
        String name = "";
        final ProtobufReader.LongList dims = new ProtobufReader.LongList();
        int dataType;
        ByteBuffer raw;
        FloatList typed;
        ProtobufReader.LongList int32Data;
        boolean external;
        long offset;

        boolean isFloat() {
            return dataType == FLOAT || dataType == FLOAT16 || dataType == BFLOAT16 || dataType == DOUBLE;
        }
    }

    /** A node: only what naming needs. */
    private record Node(String name, String opType, List<String> inputs, Map<String, Long> intAttributes) {
    }

    /** How a consumed weight is renamed. */
    private record Rename(String name, boolean transpose) {
    }

    /**
     * Reads the weights of an ONNX BERT file. The file is memory-mapped, so only the returned arrays are allocated.
     *
     * @param onnxFile a self-contained {@code .onnx} file (under 2 GB, no external data)
     * @return the floating-point weights under Hugging Face names, in the file's initializer order
     * @throws WeightFormatException if the file is not a readable ONNX model, naming the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static LinkedHashMap<String, NamedTensor> read(final Path onnxFile) throws IOException {
        Validate.notNull(onnxFile, "onnxFile must not be null");
        final String source = onnxFile.toString();
        try (FileChannel ch = FileChannel.open(onnxFile, StandardOpenOption.READ)) {
            final long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new WeightFormatException(source, "is " + size + " bytes; a self-contained ONNX protobuf "
                    + "cannot exceed 2 GB. Models this large keep their weights as external data: load the model's "
                    + "safetensors folder instead");
            }
            final MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return parse(map, source);
        } catch (final NoSuchFileException e) {
            throw new WeightFormatException(source, "does not exist", e);
        }
    }

    /**
     * Reads the weights of an ONNX BERT from a stream (e.g. a classpath resource). The whole stream is read into
     * memory first.
     *
     * @param in the model bytes; not closed
     * @param sourceName how to name the source in error messages
     * @return the floating-point weights under Hugging Face names, in the model's initializer order
     * @throws WeightFormatException if the bytes are not a readable ONNX model
     * @throws IOException if the stream cannot be read
     */
    public static LinkedHashMap<String, NamedTensor> read(final InputStream in, final String sourceName)
        throws IOException {
        Validate.notNull(in, "in must not be null (missing resource?)");
        Validate.notBlank(sourceName, "sourceName must not be blank");
        return parse(ByteBuffer.wrap(in.readAllBytes()), sourceName);
    }

    /**
     * Checks that tensors look like a Hugging Face BERT: a word embedding table and a first-layer query weight,
     * with or without a {@code bert.} prefix.
     *
     * @param tensors tensors as {@link #read(Path)} or {@link Safetensors#read(Path)} return them
     * @param sourceName the file they came from, for the message
     * @throws WeightFormatException if they do not
     */
    public static void requireBert(final Map<String, NamedTensor> tensors, final String sourceName)
        throws WeightFormatException {
        Validate.notNull(tensors, "tensors must not be null");
        final String prefix;
        if (tensors.containsKey(WORD_EMBEDDINGS)) {
            prefix = "";
        } else if (tensors.containsKey("bert." + WORD_EMBEDDINGS)) {
            prefix = "bert.";
        } else {
            throw new WeightFormatException(sourceName, "not a BERT export: no tensor named " + WORD_EMBEDDINGS
                + " (nor bert." + WORD_EMBEDDINGS + "); found " + describe(tensors)
                + ". Expected a Hugging Face BERT encoder exported with optimum (optimum-cli export onnx) or saved "
                + "with save_pretrained");
        }
        if (!tensors.containsKey(prefix + FIRST_QUERY)) {
            throw new WeightFormatException(sourceName, "not a BERT export: it has " + prefix + WORD_EMBEDDINGS
                + " but no " + prefix + FIRST_QUERY + "; found " + describe(tensors)
                + ". The encoder layers are missing or named differently from Hugging Face BERT");
        }
    }

    private static String describe(final Map<String, NamedTensor> tensors) {
        if (tensors.isEmpty()) {
            return "no floating-point weights at all";
        }
        final List<String> first = tensors.keySet().stream().limit(5).toList();
        return tensors.size() + " floating-point tensor" + (tensors.size() == 1 ? "" : "s") + " such as "
            + StringUtils.join(first, ", ");
    }

    private static LinkedHashMap<String, NamedTensor> parse(final ByteBuffer bytes, final String source)
        throws WeightFormatException {
        if (!bytes.hasRemaining()) {
            throw new WeightFormatException(source, "is empty; expected an ONNX model");
        }
        final ProtobufReader model = new ProtobufReader(bytes, source);
        ProtobufReader graph = null;
        while (model.next()) {
            if (model.fieldNumber() == 7) {
                model.expect(ProtobufReader.LEN, "ModelProto.graph");
                graph = model.readMessage();
            } else {
                model.skip();
            }
        }
        if (graph == null) {
            throw new WeightFormatException(source, "holds no graph (ModelProto field 7); it is not an ONNX model");
        }
        final List<Node> nodes = new ArrayList<>();
        final List<RawTensor> initializers = new ArrayList<>();
        while (graph.next()) {
            switch (graph.fieldNumber()) {
                case 1 -> {
                    graph.expect(ProtobufReader.LEN, "GraphProto.node");
                    nodes.add(parseNode(graph.readMessage()));
                }
                case 5 -> {
                    graph.expect(ProtobufReader.LEN, "GraphProto.initializer");
                    final long at = graph.offset();
                    final RawTensor t = parseTensor(graph.readMessage());
                    t.offset = at;
                    initializers.add(t);
                }
                default -> graph.skip();
            }
        }
        final Map<String, RawTensor> floatsByName = new HashMap<>();
        for (final RawTensor t : initializers) {
            if (t.isFloat()) {
                floatsByName.put(t.name, t);
            }
        }
        final Map<String, Rename> renames = renames(nodes, floatsByName);

        final LinkedHashMap<String, NamedTensor> out = new LinkedHashMap<>();
        for (final RawTensor t : initializers) {
            if (!t.isFloat()) {
                continue;
            }
            final Rename rename = renames.get(t.name);
            final long[] dims = t.dims.toArray();
            if (rename == null && (dims.length == 0 || !MODULE_NAME.matcher(t.name).matches())) {
                continue;
            }
            final NamedTensor decoded = decode(t, dims, source);
            final NamedTensor result;
            if (rename == null) {
                result = decoded;
            } else if (rename.transpose()) {
                result = decoded.transposed(rename.name());
            } else {
                result = decoded.withName(rename.name());
            }
            if (out.put(result.name(), result) != null) {
                throw new WeightFormatException(source, "two weights map to the name " + result.name()
                    + " (the second is initializer \"" + t.name + "\"); the graph is not a plain BERT export");
            }
        }
        return out;
    }

    /** Names generated weights after the MatMul or Gemm node that consumes them as its second input. */
    private static Map<String, Rename> renames(final List<Node> nodes, final Map<String, RawTensor> floats) {
        final Map<String, Rename> out = new HashMap<>();
        for (final Node n : nodes) {
            final boolean matMul = "MatMul".equals(n.opType());
            final boolean gemm = "Gemm".equals(n.opType());
            if (!(matMul || gemm) || n.inputs().size() < 2) {
                continue;
            }
            final RawTensor w = floats.get(n.inputs().get(1));
            final String module = modulePath(n.name(), n.opType());
            if (w == null || w.dims.toArray().length != 2 || module == null || out.containsKey(w.name)) {
                continue;
            }
            final boolean transpose = matMul || n.intAttributes().getOrDefault("transB", 0L) == 0L;
            out.put(w.name, new Rename(module + ".weight", transpose));
            if (gemm && n.inputs().size() > 2) {
                final RawTensor b = floats.get(n.inputs().get(2));
                if (b != null && !MODULE_NAME.matcher(b.name).matches() && !out.containsKey(b.name)) {
                    out.put(b.name, new Rename(module + ".bias", false));
                }
            }
        }
        return out;
    }

    /**
     * {@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query}.
     *
     * @return the module path, or null if the node name carries none
     */
    static String modulePath(final String nodeName, final String opType) {
        final List<String> parts = new ArrayList<>(Arrays.asList(StringUtils.split(nodeName, '/')));
        if (parts.size() < 2) {
            return null;
        }
        final String last = parts.get(parts.size() - 1);
        if (!last.equals(opType) && !last.startsWith(opType + "_")) {
            return null;
        }
        parts.remove(parts.size() - 1);
        final String path = String.join(".", parts);
        return MODULE_NAME.matcher(path).matches() ? path : null;
    }

    private static Node parseNode(final ProtobufReader r) throws WeightFormatException {
        final List<String> inputs = new ArrayList<>();
        final Map<String, Long> ints = new HashMap<>();
        String name = "";
        String opType = "";
        while (r.next()) {
            switch (r.fieldNumber()) {
                case 1 -> {
                    r.expect(ProtobufReader.LEN, "NodeProto.input");
                    inputs.add(r.readString());
                }
                case 3 -> {
                    r.expect(ProtobufReader.LEN, "NodeProto.name");
                    name = r.readString();
                }
                case 4 -> {
                    r.expect(ProtobufReader.LEN, "NodeProto.op_type");
                    opType = r.readString();
                }
                case 5 -> {
                    r.expect(ProtobufReader.LEN, "NodeProto.attribute");
                    parseIntAttribute(r.readMessage(), ints);
                }
                default -> r.skip();
            }
        }
        return new Node(name, opType, inputs, ints);
    }

    /** Keeps AttributeProto {name = 1, i = 3}; other attribute kinds are not needed for naming. */
    private static void parseIntAttribute(final ProtobufReader r, final Map<String, Long> into)
        throws WeightFormatException {
        String name = null;
        Long value = null;
        while (r.next()) {
            if (r.fieldNumber() == 1 && r.wireType() == ProtobufReader.LEN) {
                name = r.readString();
            } else if (r.fieldNumber() == 3 && r.wireType() == ProtobufReader.VARINT) {
                value = r.readVarint();
            } else {
                r.skip();
            }
        }
        if (name != null && value != null) {
            into.put(name, value);
        }
    }

    private static RawTensor parseTensor(final ProtobufReader r) throws WeightFormatException {
        final RawTensor t = new RawTensor();
        while (r.next()) {
            switch (r.fieldNumber()) {
                case 1 -> r.readRepeatedVarint(t.dims);
                case 2 -> {
                    r.expect(ProtobufReader.VARINT, "TensorProto.data_type");
                    t.dataType = r.readInt32();
                }
                case 4 -> {
                    if (t.typed == null) {
                        t.typed = new FloatList();
                    }
                    if (r.wireType() == ProtobufReader.LEN) {
                        final ByteBuffer b = r.readBytes();
                        while (b.remaining() >= 4) {
                            t.typed.add(b.getFloat());
                        }
                    } else {
                        r.expect(ProtobufReader.FIXED32, "TensorProto.float_data");
                        t.typed.add(Float.intBitsToFloat(r.readFixed32()));
                    }
                }
                case 5 -> {
                    if (t.int32Data == null) {
                        t.int32Data = new ProtobufReader.LongList();
                    }
                    r.readRepeatedVarint(t.int32Data);
                }
                case 8 -> {
                    r.expect(ProtobufReader.LEN, "TensorProto.name");
                    t.name = r.readString();
                }
                case 9 -> {
                    r.expect(ProtobufReader.LEN, "TensorProto.raw_data");
                    t.raw = r.readBytes();
                }
                case 10 -> {
                    if (t.typed == null) {
                        t.typed = new FloatList();
                    }
                    if (r.wireType() == ProtobufReader.LEN) {
                        final ByteBuffer b = r.readBytes();
                        while (b.remaining() >= 8) {
                            t.typed.add((float)b.getDouble());
                        }
                    } else {
                        r.expect(ProtobufReader.FIXED64, "TensorProto.double_data");
                        t.typed.add((float)Double.longBitsToDouble(r.readFixed64()));
                    }
                }
                case 13 -> {
                    t.external = true;
                    r.skip();
                }
                case 14 -> {
                    r.expect(ProtobufReader.VARINT, "TensorProto.data_location");
                    t.external |= r.readVarint() == EXTERNAL;
                }
                default -> r.skip();
            }
        }
        return t;
    }

    private static NamedTensor decode(final RawTensor t, final long[] dims, final String source)
        throws WeightFormatException {
        final String where = "initializer \"" + t.name + "\" (at byte " + t.offset + "): ";
        if (t.external) {
            throw new WeightFormatException(source, where + "its data lies in an external file "
                + "(data_location = EXTERNAL); only self-contained .onnx files are read. Re-export without external "
                + "data (onnx.save_model(..., save_as_external_data=False), possible under 2 GB) or load the "
                + "model's safetensors folder");
        }
        final long numel;
        try {
            numel = NamedTensor.numel(dims);
        } catch (final IllegalArgumentException | ArithmeticException e) {
            throw new WeightFormatException(source, where + "invalid dims " + Arrays.toString(dims));
        }
        if (numel > Integer.MAX_VALUE) {
            throw new WeightFormatException(source, where + "dims " + Arrays.toString(dims) + " hold " + numel
                + " elements, more than a Java array can hold");
        }
        final FloatType type = switch (t.dataType) {
            case FLOAT -> FloatType.F32;
            case FLOAT16 -> FloatType.F16;
            case BFLOAT16 -> FloatType.BF16;
            default -> FloatType.F64;
        };
        // Every count is checked against the bytes that back it before anything is allocated: a few bytes
        // declaring a 50000 x 40000 tensor must not cost 8 GB.
        final float[] values;
        if (t.raw != null) {
            if (t.raw.remaining() != numel * type.bytes()) {
                throw new WeightFormatException(source, where + "raw_data has " + t.raw.remaining() + " bytes but dims "
                    + Arrays.toString(dims) + " of " + type + " need " + numel * type.bytes());
            }
            values = new float[(int)numel];
            type.decode(t.raw.duplicate().order(ByteOrder.LITTLE_ENDIAN), values, 0, values.length);
        } else if (t.int32Data != null && (type == FloatType.F16 || type == FloatType.BF16)) {
            checkCount(source, where, t.int32Data.size(), numel);
            final long[] bits = t.int32Data.toArray();
            values = new float[(int)numel];
            for (int i = 0; i < bits.length; i++) {
                values[i] = type == FloatType.F16 ? Float.float16ToFloat((short)bits[i])
                    : Float.intBitsToFloat(((int)bits[i] & 0xFFFF) << 16);
            }
        } else if (t.typed != null) {
            checkCount(source, where, t.typed.size(), numel);
            values = new float[(int)numel];
            t.typed.copyTo(values);
        } else if (numel != 0) {
            throw new WeightFormatException(source, where + "holds no data for dims " + Arrays.toString(dims));
        } else {
            values = new float[0];
        }
        return new NamedTensor(t.name, dims, values);
    }

    private static void checkCount(final String source, final String where, final int count, final long numel)
        throws WeightFormatException {
        if (count != numel) {
            throw new WeightFormatException(source, where + "holds " + count + " values but its dims need " + numel);
        }
    }

    /** A growable list of primitive floats, for the typed data fields. */
    private static final class FloatList {

        private float[] data = new float[16];

        private int size;

        void add(final float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        void copyTo(final float[] dst) {
            System.arraycopy(data, 0, dst, 0, size);
        }
    }
}

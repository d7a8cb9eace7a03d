/**
 * The ONNX Runtime inference backend: the model's weights fused into one ONNX graph ({@code FusedOnnxGraph}, written
 * by {@code ProtoWriter}) and run on ONNX Runtime's CPU session over packed batches ({@code PackedBatch}). ONNX
 * Runtime ships as its own fragment ({@code org.bertlab.core.onnxruntime}); these classes are loaded only when its
 * classes are present ({@link org.bertlab.core.model.InferenceBackends} chooses). Depends on the encoder's nouns
 * ({@link org.bertlab.core.encoder.BertConfig}, {@link org.bertlab.core.encoder.BertWeights}) only.
 */
package org.bertlab.core.ort;

/**
 * The AI engines behind small ports, each adapter named after its technology and picked by a config id:
 * {@link dev.atelier.engine.EmbeddingEngine}, with {@link dev.atelier.engine.OnnxEmbeddingEngine} running
 * bge-small-en-v1.5 in-process, and {@link dev.atelier.engine.TextEngine}, with
 * {@link dev.atelier.engine.LlamaCppTextEngine} running a GGUF model in-process or
 * {@link dev.atelier.engine.OpenAiCompatibleTextEngine} calling a server. The engines depend on no other module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.atelier.engine;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

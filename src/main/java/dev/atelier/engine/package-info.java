/**
 * The AI engines behind small ports, each adapter named after its technology and picked by a config id. So far:
 * {@link dev.atelier.engine.EmbeddingEngine}, with {@link dev.atelier.engine.OnnxEmbeddingEngine} running
 * bge-small-en-v1.5 in-process. The engines depend on no other module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.atelier.engine;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * The generation marketplace: a creator's offerings (what their published model sells and for how much), clients'
 * previews and purchases, deliveries with a licence certificate and a signed provenance manifest, requests to the
 * human creator, and the OpenAI-compatible API over the same offerings.
 */
@NullMarked
package dev.atelier.generation;

import org.jspecify.annotations.NullMarked;

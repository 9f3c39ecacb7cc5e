/**
 * Atelier, a modular monolith: each sub-package is one Spring Modulith module whose base package is its API.
 */
@NullMarked
package dev.atelier;

import org.jspecify.annotations.NullMarked;

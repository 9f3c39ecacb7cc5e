/**
 * Load generators run by hand or by {@code bench/*.sh}; compiled with the tests, never shipped in the jar.
 */
@NullMarked
package dev.atelier.bench;

import org.jspecify.annotations.NullMarked;

/**
 * A creator's works: uploaded files checked for what they really are, their extracted text and metadata, and the
 * creator's per-item choices: may it train my model, is it public in my portfolio.
 */
@NullMarked
package dev.atelier.portfolio;

import org.jspecify.annotations.NullMarked;

/**
 * How every module reports a failed request: RFC 7807 problem details, with field errors for invalid input.
 * Modules throw {@link dev.atelier.problem.ProblemException}; the advice here renders it and Spring's own errors.
 */
@NullMarked
package dev.atelier.problem;

import org.jspecify.annotations.NullMarked;

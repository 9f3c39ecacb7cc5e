/**
 * Accounts (creators, clients, reviewers, admins), sign-in by form session or API key, the vetting of creators,
 * and the audit log. The public types here are the module's API; everything package-private is its own.
 */
@NullMarked
package dev.atelier.identity;

import org.jspecify.annotations.NullMarked;

/**
 * The only place money moves: a double-entry ledger of wallets, creator earnings and platform accounts, where each
 * transaction is a set of postings that sum to zero, written once per idempotency key.
 */
@NullMarked
package dev.atelier.ledger;

import org.jspecify.annotations.NullMarked;

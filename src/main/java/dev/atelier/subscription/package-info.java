/**
 * The creators' plan ("Creator AI"), its billing periods and renewals through the ledger, and the one entitlement
 * check other modules ask: may this creator use AI features?
 */
@NullMarked
package dev.atelier.subscription;

import org.jspecify.annotations.NullMarked;

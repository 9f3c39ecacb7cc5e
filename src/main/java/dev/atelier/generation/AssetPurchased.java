package dev.atelier.generation;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import dev.atelier.ledger.Money;
import java.util.UUID;

/** A client paid for an asset; {@code delivered} is false while it waits for the creator's review. */
public record AssetPurchased(UUID purchase, UUID offering, CreatorId creator, AccountId client, Money price, Money fee,
                             Purchase.Source source, boolean delivered) {
}

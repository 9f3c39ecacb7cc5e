package dev.atelier.generation;

import dev.atelier.identity.CreatorId;
import dev.atelier.ledger.Money;
import dev.atelier.personalmodel.ModelVersionId;
import java.time.Instant;
import java.util.UUID;

/**
 * What a creator's published model sells: a kind of output, with guidance for the model, a price, a daily number of
 * free previews per client, whether the creator reviews each sale before release, and the licence the client gets.
 * A purchase copies the price, so changing it affects only later purchases.
 */
public record Offering(UUID id, CreatorId creator, String creatorName, String slug, ModelVersionId modelVersion,
                       String title, OutputKind outputKind, String description, String guidance, Pricing pricing,
                       Money price, int freePreviewsPerDay, boolean reviewBeforeRelease, String licenceTerms,
                       Status status, Instant createdAt, Instant updatedAt) {

    public enum OutputKind {
        TEXT
    }

    public enum Status {
        PUBLISHED, UNPUBLISHED
    }

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }

    /** The price of an asset of this many words. */
    public Money priceFor(int words) {
        return pricing.price(price, words);
    }

    /**
     * The most an asset of at most {@code maxTokens} tokens can cost. Every word takes at least one token, so an
     * asset never has more words than tokens.
     */
    public Money maxPriceFor(int maxTokens) {
        return priceFor(maxTokens);
    }

    public String priceLabel() {
        return price.format() + " " + pricing.label();
    }
}

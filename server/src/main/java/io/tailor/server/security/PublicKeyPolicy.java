package io.tailor.server.security;

import io.tailor.scoring.event.EventType;

/**
 * What a public (browser) key may do with shoppers, decided in this one place.
 * <p>
 * A public key is visible to anybody who opens the store's web page, so it must not let anybody act as a known
 * customer: it names shoppers only by {@code anonymousId} (the random cookie or session id the browser itself holds),
 * never by {@code user} (a customer id, which may be guessable) or {@code loyaltyId}, and it cannot link identities
 * ({@code identify}). Reading recommendations or sending events for another browser's anonymous id needs that id, which
 * only that browser has. Routes that take no shopper (item-to-item lists) need no check; routes that are not marked for
 * public keys refuse them before this is asked.
 */
public final class PublicKeyPolicy
{
    /**
     * Why a request is refused to a public key.
     *
     * @param field  the offending field or parameter.
     * @param reason what is not allowed, for the caller.
     */
    public record Refusal(String field, String reason)
    {
    }

    private PublicKeyPolicy()
    {
    }

    /**
     * Checks the shopper a public key names, and what it does.
     *
     * @param user      customer id in the request, or {@code null}.
     * @param loyaltyId loyalty card in the request, or {@code null}: printed on a card, as guessable as a
     *                  customer id and leading to the customer's profile once linked.
     * @param type      event type, or {@code null} for a read.
     * @return {@code null} when allowed, else the refusal.
     */
    public static Refusal refusal(final String user, final String loyaltyId, final EventType type)
    {
        // identify first: it always names a user, and what is refused is the linking.
        if (type == EventType.IDENTIFY)
        {
            return new Refusal("type", "a public key may not send identify events; link identities from your " +
                "servers with a secret key");
        }
        if (user != null)
        {
            return new Refusal("user", "a public key may name shoppers only by anonymousId, not by user " +
                "(customer ids need a secret key, from your servers)");
        }
        if (loyaltyId != null)
        {
            return new Refusal("loyaltyId", "a public key may name shoppers only by anonymousId, not by " +
                "loyaltyId (loyalty cards need a secret key, from your servers)");
        }
        return null;
    }
}

package io.tailor.server.json;

import java.util.List;
import java.util.Set;

/**
 * A webhook definition as read from the API ({@code Webhook} in openapi.yaml).
 *
 * @param url      where deliveries are POSTed (http or https).
 * @param secret   the key of the deliveries' HMAC-SHA256 signature; stored, never shown.
 * @param on       the event types wanted: {@code segment.entered}, {@code segment.left},
 *                 {@code audience.near_purchase}.
 * @param segments the segments watched for {@code segment.*} events.
 * @param products the products whose near-purchase audience is watched (empty: any product the shopper showed
 *                 interest in).
 * @param include  what deliveries carry besides the ids: {@code email} (the top of the email placement).
 * @param json     the canonical definition, secret included, as stored.
 */
public record WebhookSpec(String url, String secret, Set<String> on, List<String> segments, List<String> products,
    Set<String> include, String json)
{
    /** A customer entered a watched segment. */
    public static final String SEGMENT_ENTERED = "segment.entered";
    /** A customer left a watched segment (an event, or a time window lapsing). */
    public static final String SEGMENT_LEFT = "segment.left";
    /** A customer entered the near-purchase audience of a product. */
    public static final String NEAR_PURCHASE = "audience.near_purchase";
    /** The include asking for the email placement's top products. */
    public static final String INCLUDE_EMAIL = "email";

    /**
     * Whether segment events are wanted.
     *
     * @return true for {@code segment.entered} or {@code segment.left}.
     */
    public boolean watchesSegments()
    {
        return on.contains(SEGMENT_ENTERED) || on.contains(SEGMENT_LEFT);
    }
}

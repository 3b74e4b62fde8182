package io.tailor.server.json;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentRule;

import java.util.List;

/**
 * A segment definition as the API takes it: what it is called, what it is for, who is in it, and what its
 * members' recommendations do differently.
 *
 * @param name        display name, or {@code null}.
 * @param description description, or {@code null}.
 * @param purpose     marketing (members need marketing consent) or personalization.
 * @param rule        the membership rule, not bound to a catalog.
 * @param pinned      product ids shown first to members.
 * @param blocked     product ids never shown to members.
 */
public record SegmentSpec(String name, String description, Purpose purpose, SegmentRule rule, List<String> pinned,
    List<String> blocked)
{
    /**
     * Copies the lists.
     *
     * @param name        name.
     * @param description description.
     * @param purpose     purpose.
     * @param rule        rule.
     * @param pinned      pinned ids.
     * @param blocked     blocked ids.
     */
    public SegmentSpec
    {
        pinned = List.copyOf(pinned);
        blocked = List.copyOf(blocked);
    }

    /**
     * The segment ready to evaluate against a catalog.
     *
     * @param id      segment id.
     * @param catalog the catalog its categories are resolved in.
     * @return the segment.
     */
    public Segment bind(final String id, final CatalogSnapshot catalog)
    {
        return new Segment(id, purpose, rule.bind(catalog), pinned, blocked);
    }
}

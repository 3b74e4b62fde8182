package io.tailor.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to ask {@code /v1/recommendations}, and how long to wait: a shopper (customer or anonymous id), a
 * placement, and optionally the page's product, the cart, exclusions, a category, {@code k}; a deadline (the
 * client's default unless set) and a fallback list for when no answer comes in time.
 */
public final class RecommendationRequest
{
    private final String user;
    private final String anonymousId;
    private final String placement;
    private final String product;
    private final List<String> cart;
    private final List<String> exclude;
    private final String category;
    private final int k;
    private final boolean recordImpressions;
    private final Duration deadline;
    private final List<String> fallback;

    private RecommendationRequest(final Builder builder)
    {
        if (builder.user == null && builder.anonymousId == null)
        {
            throw new IllegalArgumentException("a recommendation is for a user or an anonymousId");
        }
        if (builder.k < 1 || builder.k > 100)
        {
            throw new IllegalArgumentException("k must be in 1..100: " + builder.k);
        }
        if (builder.deadline != null && (builder.deadline.isNegative() || builder.deadline.isZero()))
        {
            throw new IllegalArgumentException("deadline must be positive: " + builder.deadline);
        }
        this.user = builder.user;
        this.anonymousId = builder.anonymousId;
        this.placement = builder.placement;
        this.product = builder.product;
        this.cart = List.copyOf(builder.cart);
        this.exclude = List.copyOf(builder.exclude);
        this.category = builder.category;
        this.k = builder.k;
        this.recordImpressions = builder.recordImpressions;
        this.deadline = builder.deadline;
        this.fallback = builder.fallback == null ? null : List.copyOf(builder.fallback);
    }

    /**
     * A request for a logged-in customer.
     *
     * @param user customer id.
     * @return a builder (placement {@code home}, k 10).
     */
    public static Builder forUser(final String user)
    {
        return new Builder().user(Objects.requireNonNull(user, "user"));
    }

    /**
     * A request for an anonymous shopper.
     *
     * @param anonymousId the cookie or device id.
     * @return a builder (placement {@code home}, k 10).
     */
    public static Builder forAnonymous(final String anonymousId)
    {
        return new Builder().anonymousId(Objects.requireNonNull(anonymousId, "anonymousId"));
    }

    /**
     * The customer id.
     *
     * @return id, or {@code null}.
     */
    public String user()
    {
        return user;
    }

    /**
     * The anonymous id.
     *
     * @return id, or {@code null}.
     */
    public String anonymousId()
    {
        return anonymousId;
    }

    /**
     * The placement.
     *
     * @return {@code home}, {@code product}, {@code cart} or {@code email}.
     */
    public String placement()
    {
        return placement;
    }

    /**
     * The page's product.
     *
     * @return id, or {@code null}.
     */
    public String product()
    {
        return product;
    }

    /**
     * The cart's products.
     *
     * @return ids, possibly empty.
     */
    public List<String> cart()
    {
        return cart;
    }

    /**
     * Products never to recommend in this answer.
     *
     * @return ids, possibly empty.
     */
    public List<String> exclude()
    {
        return exclude;
    }

    /**
     * The category filter.
     *
     * @return path, or {@code null}.
     */
    public String category()
    {
        return category;
    }

    /**
     * How many items.
     *
     * @return 1..100.
     */
    public int k()
    {
        return k;
    }

    /**
     * Whether the listed items count as shown (frequency cap).
     *
     * @return true unless a preview.
     */
    public boolean recordImpressions()
    {
        return recordImpressions;
    }

    /**
     * The deadline of this request.
     *
     * @return the deadline, or {@code null} for the client's.
     */
    public Duration deadline()
    {
        return deadline;
    }

    /**
     * The caller's fallback list.
     *
     * @return product ids, or {@code null} for the client's last good list of the placement.
     */
    public List<String> fallback()
    {
        return fallback;
    }

    /** Builds a request. */
    public static final class Builder
    {
        private String user;
        private String anonymousId;
        private String placement = "home";
        private String product;
        private List<String> cart = List.of();
        private List<String> exclude = List.of();
        private String category;
        private int k = 10;
        private boolean recordImpressions = true;
        private Duration deadline;
        private List<String> fallback;

        private Builder()
        {
        }

        private Builder user(final String value)
        {
            user = value;
            return this;
        }

        private Builder anonymousId(final String value)
        {
            anonymousId = value;
            return this;
        }

        /**
         * The placement: {@code home} (default), {@code product}, {@code cart}, {@code email}.
         *
         * @param value placement.
         * @return this.
         */
        public Builder placement(final String value)
        {
            placement = Objects.requireNonNull(value, "placement");
            return this;
        }

        /**
         * The page's product (required for {@code product}).
         *
         * @param value id.
         * @return this.
         */
        public Builder product(final String value)
        {
            product = value;
            return this;
        }

        /**
         * The cart's contents (sent with {@code POST}).
         *
         * @param value product ids, at most 64.
         * @return this.
         */
        public Builder cart(final List<String> value)
        {
            cart = value;
            return this;
        }

        /**
         * Products never to recommend (sent with {@code POST}).
         *
         * @param value product ids, at most 64.
         * @return this.
         */
        public Builder exclude(final List<String> value)
        {
            exclude = value;
            return this;
        }

        /**
         * Only products in this category or below.
         *
         * @param value path, e.g. {@code apparel/shoes}.
         * @return this.
         */
        public Builder category(final String value)
        {
            category = value;
            return this;
        }

        /**
         * How many items (default 10).
         *
         * @param value 1..100.
         * @return this.
         */
        public Builder k(final int value)
        {
            k = value;
            return this;
        }

        /**
         * Whether the items count as shown; false for previews that may not be displayed.
         *
         * @param value flag.
         * @return this.
         */
        public Builder recordImpressions(final boolean value)
        {
            recordImpressions = value;
            return this;
        }

        /**
         * How long to wait for the node before answering the fallback.
         *
         * @param value deadline.
         * @return this.
         */
        public Builder deadline(final Duration value)
        {
            deadline = value;
            return this;
        }

        /**
         * The list to answer when the node does not answer in time (e.g. the shop's best sellers), instead of
         * the client's last good list of the placement.
         *
         * @param productIds product ids.
         * @return this.
         */
        public Builder fallback(final List<String> productIds)
        {
            fallback = productIds;
            return this;
        }

        /**
         * The request.
         *
         * @return the request.
         */
        public RecommendationRequest build()
        {
            return new RecommendationRequest(this);
        }
    }
}

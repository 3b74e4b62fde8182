package io.tailor.loadtest.cli;

import io.tailor.loadtest.data.StoreModel;
import picocli.CommandLine.Option;

/**
 * The synthetic store's shape, shared by {@code generate} and {@code run}: a run must be given the same
 * values as the {@code generate} that loaded the server, so that it asks for products that exist.
 */
public final class StoreOptions
{
    @Option(names = "--products", defaultValue = "100000",
        description = "Products in the store, ids p0..p<N-1> (default ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--shoppers", defaultValue = "1000000",
        description = "Customers, ids u0..u<M-1> (default ${DEFAULT-VALUE}).")
    long shoppers;

    @Option(names = "--clusters", defaultValue = "" + StoreModel.DEFAULT_CLUSTERS,
        description = "Latent taste clusters of shoppers (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--product-skew", defaultValue = "" + StoreModel.DEFAULT_PRODUCT_SKEW,
        description = "Zipf exponent of product popularity within a category (default ${DEFAULT-VALUE}).")
    double productSkew;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same data " +
        "and the same request sequence (default ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The store these options describe.
     *
     * @return the model.
     */
    public StoreModel store()
    {
        if (!(productSkew >= 0))
        {
            throw new IllegalArgumentException("--product-skew must be at least 0: " + productSkew);
        }
        return new StoreModel(seed, products, clusters, productSkew);
    }
}

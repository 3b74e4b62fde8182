/**
 * The synthetic store: categories, products, shoppers whose histories follow latent tastes, the Zipf sampler and the
 * bulk loader.
 * <p>
 * May depend on: loadtest.http.
 */
package io.tailor.loadtest.data;

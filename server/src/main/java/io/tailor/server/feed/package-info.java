/**
 * Catalog feeds in: Google Merchant Center XML (RSS 2.0 and Atom with the {@code g:} namespace) and TSV/CSV with the
 * same field names, read as streams (a feed never sits in memory whole), mapped to products, applied to the catalog
 * as a diff; and the feed definitions' fetch schedule, run by the owner of each feed's partition.
 * <p>
 * May depend on: server.json, server.config, grid and scoring. Nothing here speaks the HTTP API.
 */
package io.tailor.server.feed;

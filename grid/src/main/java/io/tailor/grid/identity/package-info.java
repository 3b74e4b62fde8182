/**
 * The identities map: links from anonymous ids and loyalty cards to customers, their processors and serializer.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.identity;

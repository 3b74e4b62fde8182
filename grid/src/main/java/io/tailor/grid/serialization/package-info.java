/**
 * The wire ids of everything that travels between members (TypeIds) and the compact form of events inside processors.
 * A leaf: the registration that maps ids to classes is GridSerialization in the top package.
 * <p>
 * May depend on: scoring only.
 */
package io.tailor.grid.serialization;

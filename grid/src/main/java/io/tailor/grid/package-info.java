/**
 * The composition root of a grid member or client: TailorGrid starts Hazelcast with Tailor's maps, serializers
 * (GridSerialization) and services, from GridSettings; Discovery and GridStats serve it.
 * <p>
 * May depend on every grid package; none may depend on it.
 */
package io.tailor.grid;

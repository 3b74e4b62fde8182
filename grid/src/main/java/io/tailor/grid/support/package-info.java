/**
 * Shared bases of the grid packages: the background error sink and the processor that sets a value (the backup of
 * processors that decide on the owner).
 * <p>
 * May depend on: grid.serialization only.
 */
package io.tailor.grid.support;

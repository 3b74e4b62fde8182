/**
 * What shoppers do: events, their types and channels, purchase lines, as validated values.
 * <p>
 * May depend on: the JDK and scoring.util.
 */
package io.tailor.scoring.event;

/**
 * A shopper's profile, its compact binary codec, consent flags, and how an event, a merge, a consent or stated
 * preferences change it.
 * <p>
 * May depend on: scoring.model (the signals it emits), scoring.event, scoring.catalog, scoring.util.
 */
package io.tailor.scoring.profile;

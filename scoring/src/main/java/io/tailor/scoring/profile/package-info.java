/**
 * A shopper's profile and its sections (StatedPreferences, ImpressionCounts, the ActivityLog), the codecs of the
 * three records the profiles map holds (ProfileCodec, TombstoneRecord, ForwardRecord), consent flags, and what
 * changes a profile: an event (ProfileUpdater), a merge of linked ids (ProfileMerger), a consent or stated
 * preferences (ShopperChoices).
 * <p>
 * May depend on: scoring.model (the signals it emits), scoring.event, scoring.catalog, scoring.util.
 */
package io.tailor.scoring.profile;

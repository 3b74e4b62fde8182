package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TombstoneRecordTest
{
    @Test
    void shouldTellATombstoneFromAProfileAndKeepItsVersion()
    {
        final byte[] tombstone = TombstoneRecord.encode(42, Fixtures.NOW);
        final byte[] profile = ProfileCodec.encode(new Profile(8));

        assertThat(TombstoneRecord.isTombstone(tombstone)).isTrue();
        assertThat(ProfileCodec.isProfile(tombstone)).isFalse();
        assertThat(ProfileCodec.version(tombstone)).isEqualTo(42);
        assertThat(ProfileCodec.isProfile(profile)).isTrue();
        assertThat(ProfileCodec.isProfile(null)).isFalse();
        assertThatThrownBy(() -> ProfileCodec.decode(tombstone, new Profile(8)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

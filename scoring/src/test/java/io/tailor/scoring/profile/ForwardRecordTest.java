package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemSignalHandler;
import org.junit.jupiter.api.Test;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class ForwardRecordTest
{
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());

    @Test
    void shouldTellAForwardRecordFromAProfileAndKeepWhatItCarries()
    {
        final Profile profile = new Profile(Fixtures.D);
        updater.apply(profile, event("a", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        final byte[] pending = ProfileCodec.encode(profile);

        final byte[] forward = ForwardRecord.encode(9, NOW, "u:ann", pending);
        final byte[] done = ForwardRecord.encode(10, NOW, "u:ann", null);

        assertThat(ForwardRecord.isForward(forward)).isTrue();
        assertThat(ProfileCodec.isProfile(forward)).isFalse();
        assertThat(TombstoneRecord.isTombstone(forward)).isFalse();
        assertThat(ProfileCodec.version(forward)).isEqualTo(9);
        assertThat(ForwardRecord.target(forward)).isEqualTo("u:ann");
        assertThat(ForwardRecord.linkedAtMs(forward)).isEqualTo(NOW);
        assertThat(ForwardRecord.pending(forward)).isEqualTo(pending);
        assertThat(ForwardRecord.pending(done)).isNull();
    }
}

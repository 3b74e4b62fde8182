package io.tailor.grid.identity;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class EraseLinkProcessorTest
{
    @Test
    void shouldEraseTheCustomersLinkWithTheNextVersion()
    {
        final Map.Entry<String, IdentityLink> entry = entry("anon-1", new IdentityLink("alice", 2, NOW));

        final Long version = roundTrip(new EraseLinkProcessor("alice", NOW + 1)).process(entry);

        assertThat(version).isEqualTo(3);
        assertThat(entry.getValue().erased()).isTrue();
        assertThat(entry.getValue().version()).isEqualTo(3);
        assertThat(entry.getValue().linkedAtMs()).isEqualTo(NOW + 1);
    }

    @Test
    void shouldLeaveAnotherCustomersLinkAnErasedLinkAndNoLinkAlone()
    {
        final IdentityLink bobs = new IdentityLink("bob", 2, NOW);
        final IdentityLink erased = new IdentityLink(null, 4, NOW);
        final Map.Entry<String, IdentityLink> toBob = entry("anon-1", bobs);
        final Map.Entry<String, IdentityLink> gone = entry("anon-2", erased);
        final Map.Entry<String, IdentityLink> none = entry("anon-3", null);
        final EraseLinkProcessor processor = new EraseLinkProcessor("alice", NOW + 1);

        assertThat(processor.process(toBob)).isNull();
        assertThat(processor.process(gone)).isNull();
        assertThat(processor.process(none)).isNull();
        assertThat(toBob.getValue()).isSameAs(bobs);
        assertThat(gone.getValue()).isSameAs(erased);
        assertThat(none.getValue()).isNull();
    }

    @Test
    void shouldRunTheSameDecisionOnTheBackup()
    {
        final EraseLinkProcessor processor = new EraseLinkProcessor("alice", NOW + 1);

        assertThat(processor.getBackupProcessor()).isSameAs(processor);
    }
}

package io.tailor.grid.support;

import io.tailor.grid.identity.IdentityLink;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class SetValueProcessorTest
{
    @Test
    void shouldStoreTheValueItCarriesAfterCrossingTheWire()
    {
        final Map.Entry<String, IdentityLink> entry = entry("anon-1", new IdentityLink("bob", 1, NOW));

        final Object result = roundTrip(new SetValueProcessor<String, IdentityLink, Object>(
            new IdentityLink("alice", 2, NOW + 1))).process(entry);

        assertThat(result).isNull();
        assertThat(entry.getValue().user()).isEqualTo("alice");
        assertThat(entry.getValue().version()).isEqualTo(2);
        assertThat(entry.getValue().linkedAtMs()).isEqualTo(NOW + 1);
    }

    @Test
    void shouldBeItsOwnBackup()
    {
        final SetValueProcessor<String, String, Object> processor = new SetValueProcessor<>("v");

        assertThat(processor.getBackupProcessor()).isSameAs(processor);
    }
}

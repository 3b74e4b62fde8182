package io.tailor.grid.profile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class SetProfileProcessorTest
{
    @Test
    void shouldStoreTheBytesItCarriesWhateverWasThere()
    {
        final byte[] bytes = profileWith(view("e1", "alice", "run-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("alice", profileWith(view("e0", "alice", "book-1", NOW)));

        final Object result = roundTrip(new SetProfileProcessor<Object>(bytes)).process(entry);

        assertThat(result).isNull();
        assertThat(entry.getValue()).isEqualTo(bytes);
    }

    @Test
    void shouldBeItsOwnBackup()
    {
        final SetProfileProcessor<Object> processor = new SetProfileProcessor<>(new byte[] {1, 2, 3});

        assertThat(processor.getBackupProcessor()).isSameAs(processor);
    }
}

package io.tailor.grid.profile;

import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.decode;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class MergeProfileProcessorTest
{
    private final MemberContext context = context();

    @Test
    void shouldMergeTheLinkedProfileIntoTheCustomers()
    {
        final byte[] anonymous = profileWith(view("e1", null, "book-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("alice", profileWith(view("e2", "alice", "run-1", NOW)));

        final Object result = run(roundTrip(new MergeProfileProcessor(anonymous, Hashing.key("anon-1"), NOW + 1)),
            entry);

        assertThat(result).isEqualTo(true);
        final Profile merged = decode(entry.getValue());
        assertThat(merged.recentIndexOf(Hashing.key("book-1"))).isNotNegative();
        assertThat(merged.recentIndexOf(Hashing.key("run-1"))).isNotNegative();
        assertThat(context.replica().lookup("alice")).isSameAs(entry.getValue());
    }

    @Test
    void shouldMergeTheSameProfileOnlyOnce()
    {
        final byte[] anonymous = profileWith(view("e1", null, "book-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("alice", null);
        run(new MergeProfileProcessor(anonymous, Hashing.key("anon-1"), NOW + 1), entry);
        final byte[] once = entry.getValue();

        final Object again = run(new MergeProfileProcessor(anonymous, Hashing.key("anon-1"), NOW + 2), entry);

        assertThat(again).isEqualTo(false);
        assertThat(entry.getValue()).isSameAs(once);
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(ProfileCodec.version(once));
    }

    private Object run(final MergeProfileProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}

package io.tailor.grid.profile;

import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.decode;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class SetPreferencesProcessorTest
{
    private final MemberContext context = context();

    @Test
    void shouldStoreTheStatedPreferences()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        final Object result = run(roundTrip(new SetPreferencesProcessor(new long[] {Hashing.key("apparel/shoes")},
            new long[0], new String[] {"42"}, new long[] {Hashing.key("run-3")}, NOW)), entry);

        assertThat(result).isEqualTo(true);
        final Profile profile = decode(entry.getValue());
        assertThat(profile.preferences().categoryCount()).isOne();
        assertThat(profile.preferences().categoryKey(0)).isEqualTo(Hashing.key("apparel/shoes"));
        assertThat(profile.preferences().size(0)).isEqualTo("42");
        assertThat(profile.preferences().dislikedKey(0)).isEqualTo(Hashing.key("run-3"));
        assertThat(context.replica().lookup("alice")).isSameAs(entry.getValue());
    }

    @Test
    void shouldChangeNothingForAShopperWithoutPersonalizationConsent()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);
        run(new SetConsentProcessor(false, null, NOW), entry);
        final byte[] withdrawn = entry.getValue();

        final Object result = run(new SetPreferencesProcessor(new long[0], new long[0], new String[] {"42"},
            new long[0], NOW + 1), entry);

        assertThat(result).isEqualTo(false);
        assertThat(entry.getValue()).isSameAs(withdrawn);
    }

    private Object run(final ProfileChangeProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}

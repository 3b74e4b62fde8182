package io.tailor.grid.profile;

import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileFlags;
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

class SetConsentProcessorTest
{
    private final MemberContext context = context();

    @Test
    void shouldRecordMarketingConsentBeforeAnyEvent()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        final int[] result = (int[])run(new SetConsentProcessor(null, true, NOW), entry);

        assertThat(ProfileFlags.marketing(result[0])).isTrue();
        assertThat(result[1]).isZero();
        assertThat(ProfileFlags.marketing(ProfileCodec.flags(entry.getValue()))).isTrue();
        assertThat(context.replica().lookup("alice")).isSameAs(entry.getValue());
    }

    @Test
    void shouldEraseTheHistoryWhenPersonalizationIsWithdrawn()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", profileWith(view("e1", "alice", "run-1", NOW)));

        final int[] result = (int[])run(new SetConsentProcessor(false, null, NOW + 1), entry);

        assertThat(result[1]).isOne();
        assertThat(ProfileFlags.personalization(result[0])).isFalse();
        assertThat(decode(entry.getValue()).hasAnyHistory()).isFalse();
    }

    @Test
    void shouldLeaveAChoiceThatWasNotSentAsItWas()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);
        run(new SetConsentProcessor(null, true, NOW), entry);

        final int[] result = (int[])run(roundTrip(new SetConsentProcessor(true, null, NOW + 1)), entry);

        assertThat(ProfileFlags.marketing(result[0])).isTrue();
        assertThat(ProfileFlags.personalization(result[0])).isTrue();
    }

    private Object run(final SetConsentProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}

package io.tailor.server.api;

import io.tailor.scoring.event.ServedListIds;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest
{
    @Test
    void shouldReadBackWhatAListIsCreditedTo()
    {
        for (final Placement placement : Placement.values())
        {
            for (final Strategy strategy : Strategy.values())
            {
                for (final String arm : new String[] {null, "control", "tailor-2"})
                {
                    for (final boolean recorded : new boolean[] {true, false})
                    {
                        final StringBuilder text = new StringBuilder("k3x9a-1-");
                        RequestIds.append(text, 36L * 36 * 5 + 7, 1_796_000_000_123L, placement, strategy, arm,
                            recorded);

                        assertThat(text.toString())
                            .startsWith("k3x9a-1-507-" + Long.toString(1_796_000_000L, 36) + ".");
                        assertThat(RequestIds.parse(text.toString()))
                            .isEqualTo(new RequestIds.Tag(1_796_000_000_000L, placement, strategy, arm));
                        assertThat(ServedListIds.impressionsRecordedAtServe(text.toString())).isEqualTo(recorded);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"r-1", "k3x9a-1-5", "k3x9a-1-5.", "k3x9a-1-5.h", "k3x9a-1-5.xz", "k3x9a-1-5.hx",
        "k3x9a-1-5.hz.", "k3x9a-1-5.hzcontrol", ".hz", "nodash.hz", "k3x9a-1-5-t!x.hz", "k3x9a-1-5-.hz"})
    void shouldReadNothingFromAnIdTailorDidNotMake(final String requestId)
    {
        assertThat(RequestIds.parse(requestId)).isNull();
    }
}

package io.tailor.scoring.util;

import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RuleKind;
import io.tailor.scoring.rank.Strategy;
import io.tailor.scoring.segment.Comparison;
import io.tailor.scoring.segment.Measure;
import io.tailor.scoring.segment.NearPurchase;
import io.tailor.scoring.segment.ProfileField;
import io.tailor.scoring.segment.Purpose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WireNameTest
{
    @Test
    void shouldFindEveryConstantOfEveryEnumByItsWireName()
    {
        for (final List<? extends WireName> constants : List.of(List.of(EventType.values()),
            List.of(Channel.values()), List.of(Comparison.values()), List.of(Purpose.values()),
            List.of(ProfileField.values()), List.of(Placement.values()), List.of(Strategy.values()),
            List.of(RuleKind.values()), List.of(Measure.values()), List.of(NearPurchase.Basis.values())))
        {
            final WireName[] values = constants.toArray(new WireName[0]);
            for (final WireName constant : values)
            {
                assertThat(WireName.find(values, constant.wireName())).isSameAs(constant);
            }
        }
        assertThat(EventType.fromWireName("add_to_cart")).isEqualTo(EventType.ADD_TO_CART);
        assertThat(Placement.fromWireName("email")).isEqualTo(Placement.EMAIL);
    }

    @Test
    void shouldAnswerNullForANameNoConstantHas()
    {
        assertThat(WireName.find(EventType.values(), "ADD_TO_CART")).as("the Java name is not a wire name").isNull();
        assertThat(EventType.fromWireName("")).isNull();
        assertThat(Channel.fromWireName(null)).isNull();
        assertThat(Placement.fromWireName("HOME")).isNull();
    }
}

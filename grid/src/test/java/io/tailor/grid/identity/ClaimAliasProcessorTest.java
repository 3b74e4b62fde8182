package io.tailor.grid.identity;

import com.hazelcast.map.EntryProcessor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class ClaimAliasProcessorTest
{
    @Test
    void shouldLinkAFreeIdAndAnswerThatNoCustomerHadIt()
    {
        final Map.Entry<String, IdentityLink> entry = entry("anon-1", null);

        final String previous = roundTrip(new ClaimAliasProcessor("alice", false, NOW)).process(entry);

        assertThat(previous).isEmpty();
        assertThat(entry.getValue().user()).isEqualTo("alice");
        assertThat(entry.getValue().version()).isEqualTo(1);
        assertThat(entry.getValue().linkedAtMs()).isEqualTo(NOW);
    }

    @Test
    void shouldRefuseAnIdLinkedToAnotherCustomerUnlessAMoveIsAllowed()
    {
        final IdentityLink bobs = new IdentityLink("bob", 3, NOW);
        final Map.Entry<String, IdentityLink> entry = entry("card-7", bobs);
        final ClaimAliasProcessor refused = new ClaimAliasProcessor("alice", false, NOW + 1);

        assertThat(refused.process(entry)).isEqualTo("bob");
        assertThat(entry.getValue()).isSameAs(bobs);
        assertThat(refused.getBackupProcessor()).isNull();

        assertThat(new ClaimAliasProcessor("alice", true, NOW + 2).process(entry)).isEqualTo("bob");
        assertThat(entry.getValue().user()).isEqualTo("alice");
        assertThat(entry.getValue().version()).isEqualTo(4);
    }

    @Test
    void shouldChangeNothingWhenTheIdIsAlreadyTheCustomers()
    {
        final IdentityLink link = new IdentityLink("alice", 2, NOW);
        final Map.Entry<String, IdentityLink> entry = entry("anon-1", link);

        assertThat(new ClaimAliasProcessor("alice", false, NOW + 1).process(entry)).isEqualTo("alice");
        assertThat(entry.getValue()).isSameAs(link);
    }

    @Test
    void shouldClaimAnErasedLinkWithTheNextVersionAndSendTheBackupTheLinkWritten()
    {
        final Map.Entry<String, IdentityLink> entry = entry("anon-1", new IdentityLink(null, 5, NOW));
        final ClaimAliasProcessor processor = new ClaimAliasProcessor("alice", false, NOW + 1);

        assertThat(processor.process(entry)).isEmpty();
        assertThat(entry.getValue().version()).isEqualTo(6);

        final EntryProcessor<String, IdentityLink, String> backup = processor.getBackupProcessor();
        final Map.Entry<String, IdentityLink> copy = entry("anon-1", null);
        backup.process(copy);
        assertThat(copy.getValue()).isSameAs(entry.getValue());
    }
}

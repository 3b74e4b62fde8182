package io.tailor.scoring.experiment;

import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExperimentTest
{
    private static Experiment experiment(final String id, final double controlShare)
    {
        return new Experiment(id, 1, Placement.HOME, true, 7 * 86_400_000L, List.of(
            new Arm("control", controlShare, true, null, 2, new ArmTally(), 1L),
            new Arm("tailor", 1 - controlShare, false, null, 3, new ArmTally(), 1L)));
    }

    @Test
    void shouldAssignShoppersInProportionToTheSharesAndAlwaysTheSameArm()
    {
        final Experiment experiment = experiment("home-1", 0.2);
        int control = 0;
        for (int shopper = 0; shopper < 20_000; shopper++)
        {
            final int bucket = ProfileFlags.bucketOf(Hashing.key("u:shopper-" + shopper));
            final int arm = experiment.armOf(bucket);
            assertThat(experiment.armOf(bucket)).isEqualTo(arm);
            control += arm == 0 ? 1 : 0;
        }

        assertThat(control / 20_000.0).isCloseTo(0.2, within(0.015));
    }

    @Test
    void shouldAssignIndependentlyInTwoExperiments()
    {
        final Experiment first = experiment("home-1", 0.5);
        final Experiment second = experiment("home-2", 0.5);
        int same = 0;
        for (int bucket = 0; bucket < ProfileFlags.ASSIGNMENT_BUCKETS; bucket += 7)
        {
            same += first.armOf(bucket) == second.armOf(bucket) ? 1 : 0;
        }

        assertThat(same / (ProfileFlags.ASSIGNMENT_BUCKETS / 7.0)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void shouldKeepTheOlderProfilesBucketInAMergeOfFlags()
    {
        final int cookie = ProfileFlags.withAssignmentBucket(0, 1234);
        final int customer = ProfileFlags.withPersonalization(0, true);

        final int merged = ProfileFlags.merge(customer, cookie);

        assertThat(ProfileFlags.assignmentBucket(merged, 0)).isEqualTo(1234);
        assertThat(ProfileFlags.personalization(merged)).isTrue();
        assertThat(ProfileFlags.assignmentBucket(ProfileFlags.withMarketing(merged, true), 0)).isEqualTo(1234);
    }

    @Test
    void shouldFindTheRunningExperimentOfAPlacementAndArmsOfStoppedOnes()
    {
        final Experiment stopped = new Experiment("home-0", 3, Placement.HOME, false, 1, List.of(
            new Arm("old", 1.0, false, null, 4, new ArmTally(), 1L)));
        final Experiments experiments = new Experiments(Map.of("home-0", stopped, "home-1", experiment("home-1", 0.5)));

        assertThat(experiments.running(Placement.HOME).id()).isEqualTo("home-1");
        assertThat(experiments.running(Placement.CART)).isNull();
        assertThat(experiments.arm(Placement.HOME, "old").metricSlot()).isEqualTo(4);
        assertThat(experiments.arm(Placement.HOME, "tailor").metricSlot()).isEqualTo(3);
        assertThat(experiments.arm(Placement.CART, "tailor")).isNull();
    }
}

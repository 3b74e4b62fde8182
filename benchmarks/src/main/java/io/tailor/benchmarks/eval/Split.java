package io.tailor.benchmarks.eval;

import io.tailor.scoring.event.Event;

import java.util.List;

/**
 * A leave-last-out split: the training events every method learns from, and one held-out case per
 * evaluated shopper.
 *
 * @param train         training events, oldest first.
 * @param cases         one case per evaluated shopper, in order of the shoppers' first event.
 * @param users         shoppers in the data.
 * @param skippedUsers  shoppers with too few distinct items to hold one out; all their events are training.
 * @param droppedEvents events of evaluated shoppers at or after their held-out interaction, used by no method.
 */
public record Split(List<Event> train, List<EvalCase> cases, int users, int skippedUsers, int droppedEvents)
{
}

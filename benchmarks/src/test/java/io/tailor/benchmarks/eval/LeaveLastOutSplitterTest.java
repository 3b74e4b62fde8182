package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaveLastOutSplitterTest
{
    private final ItemIndex items = new ItemIndex(products("A", "B", "C", "D", "E"));
    private int id;

    @Test
    void shouldHoldOutTheItemFirstTouchedLastAndTrainOnEverythingBeforeIt()
    {
        final List<Event> events = List.of(
            view("u", "A", 1), view("u", "B", 2), view("u", "A", 3), view("u", "C", 4), view("u", "B", 5));

        final Split split = LeaveLastOutSplitter.split(events, items, 2);

        assertThat(split.cases()).hasSize(1);
        final EvalCase c = split.cases().get(0);
        assertThat(items.id(c.target())).isEqualTo("C");
        assertThat(c.atMs()).isEqualTo(4);
        assertThat(c.trainItems()).containsExactly(items.indexOf("A"), items.indexOf("B"));
        assertThat(split.train()).extracting(Event::timestampMs).containsExactly(1L, 2L, 3L);
        assertThat(split.droppedEvents()).as("the held-out event and the later view of B").isEqualTo(2);
    }

    @Test
    void shouldKeepOtherShoppersLaterEventsInTrainingAndOrderChronologically()
    {
        final List<Event> events = List.of(
            view("u", "A", 1), view("v", "A", 2), view("u", "B", 3), view("v", "C", 4), view("v", "D", 5));

        final Split split = LeaveLastOutSplitter.split(events, items, 2);

        assertThat(split.cases()).extracting(EvalCase::user).containsExactly("u", "v");
        assertThat(split.cases()).extracting(c -> items.id(c.target())).containsExactly("B", "D");
        assertThat(split.train()).extracting(Event::timestampMs).containsExactly(1L, 2L, 4L);
        assertThat(split.train()).extracting(Event::timestampMs).isSorted();
    }

    @Test
    void shouldHoldOutTheLaterOfTwoEventsWithTheSameTimeByFileOrder()
    {
        final List<Event> events = List.of(view("u", "A", 1), view("u", "C", 7), view("u", "B", 7));

        final Split split = LeaveLastOutSplitter.split(events, items, 2);

        assertThat(items.id(split.cases().get(0).target())).isEqualTo("B");
    }

    @Test
    void shouldSkipAndCountShoppersWithTooFewDistinctItemsButKeepTheirEventsForTraining()
    {
        final List<Event> events = List.of(
            view("once", "A", 1), view("twice", "B", 2), view("twice", "B", 3),
            view("u", "A", 4), view("u", "B", 5), view("u", "C", 6));

        final Split split = LeaveLastOutSplitter.split(events, items, 3);

        assertThat(split.users()).isEqualTo(3);
        assertThat(split.skippedUsers()).isEqualTo(2);
        assertThat(split.cases()).extracting(EvalCase::user).containsExactly("u");
        assertThat(split.train()).hasSize(5);
        assertThatThrownBy(() -> LeaveLastOutSplitter.split(events, items, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHoldOutThePurchasedItemOfAPurchase()
    {
        final List<Event> events = List.of(view("u", "A", 1),
            new Event("p", EventType.PURCHASE, "u", null, null, List.of(new LineItem("D", 1, 9.0)), Double.NaN, 2,
                Channel.WEB, null, null));

        final Split split = LeaveLastOutSplitter.split(events, items, 2);

        assertThat(items.id(split.cases().get(0).target())).isEqualTo("D");
    }

    @Test
    void shouldGiveTheSecondToLastItemAsValidationWhenSplitAgain()
    {
        final List<Event> events = List.of(view("u", "A", 1), view("u", "B", 2), view("u", "C", 3));

        final Split test = LeaveLastOutSplitter.split(events, items, 2);
        final Split validation = LeaveLastOutSplitter.split(test.train(), items, 2);

        assertThat(items.id(test.cases().get(0).target())).isEqualTo("C");
        assertThat(items.id(validation.cases().get(0).target())).isEqualTo("B");
        assertThat(validation.train()).extracting(Event::timestampMs).containsExactly(1L);
    }

    @Test
    void shouldIndexTrainingUsersAndCountDistinctUsersPerItem()
    {
        final List<Event> events = List.of(view("u", "A", 1), view("u", "A", 2), view("v", "A", 3),
            view("v", "B", 4));

        final TrainingData data = new TrainingData(products("A", "B", "C", "D", "E"), items, events);

        assertThat(data.userCount()).isEqualTo(2);
        assertThat(data.user(data.userIndex("v"))).isEqualTo("v");
        assertThat(data.userItems(data.userIndex("u"))).containsExactly(items.indexOf("A"));
        assertThat(data.itemUsers(items.indexOf("A"))).isEqualTo(2);
        assertThat(data.interactions()).isEqualTo(3);
        assertThat(data.endMs()).isEqualTo(4);
    }

    private Event view(final String user, final String product, final long at)
    {
        return new Event("e" + id++, EventType.VIEW, user, null, product, List.of(), Double.NaN, at, Channel.WEB,
            null, null);
    }

    static List<Product> products(final String... ids)
    {
        final List<Product> products = new ArrayList<>();
        for (final String id : ids)
        {
            products.add(new Product(id, "", "c", "", 1.0, Map.of(), true, Product.UNKNOWN_LAUNCH, false, null));
        }
        return products;
    }
}

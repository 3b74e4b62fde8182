package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 7: reasons and their phrasing. */
class ExplainerTest extends RecommenderFixture
{
    @Test
    void shouldExplainWithTheRecentlyViewedProductAndWhenItWasViewed()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 3 * 60_000), model.catalog(),
            ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(3).explain(true), out);

        assertThat(out.reasons(0)).isNotEmpty();
        assertThat(out.reasons(0).get(0).code()).isEqualTo("viewed");
        assertThat(out.reasons(0).get(0).text()).isEqualTo("viewed Title p0-4 3 minutes ago");
        assertThat(out.reasons(0).get(0).product()).isEqualTo("p0-4");
    }

    @Test
    void shouldNotExplainUnlessAsked()
    {
        final ItemModel model = model(Fixtures.products());
        recommender.recommend(model, null, request.reset(NOW).k(3), out);

        assertThat(out.reasons(0)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "-5000, just now", "0, just now", "59999, just now", "60000, 1 minute ago", "180000, 3 minutes ago",
        "3600000, 1 hour ago", "169200000, 47 hours ago", "172800000, 2 days ago"})
    void shouldPhraseTheTimeSinceAnInteractionInWords(final long elapsedMs, final String phrase)
    {
        assertThat(Explainer.ago(elapsedMs)).isEqualTo(phrase);
    }

    @Test
    void shouldNameACartedProductAsAddedAndAClickAsAView()
    {
        assertThat(Explainer.verb(EventType.ADD_TO_CART)).isEqualTo("added");
        assertThat(Explainer.verbCode(EventType.ADD_TO_CART)).isEqualTo("carted");
        assertThat(Explainer.verb(EventType.CLICK)).isEqualTo("clicked");
        assertThat(Explainer.verbCode(EventType.CLICK)).isEqualTo("viewed");
    }
}

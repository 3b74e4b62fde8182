package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetReadersTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSplitQuotedCsvFields()
    {
        assertThat(Csv.split("1,\"American President, The (1995)\",Comedy|Drama|Romance"))
            .containsExactly("1", "American President, The (1995)", "Comedy|Drama|Romance");
        assertThat(Csv.split("2,\"Say \"\"Hi\"\"\",,x")).containsExactly("2", "Say \"Hi\"", "", "x");
    }

    @Test
    void shouldReadMovieLensMoviesAsProductsAndRatingsAsTimedRatingEvents() throws Exception
    {
        write("movies.csv", "movieId,title,genres",
            "1,Toy Story (1995),Adventure|Animation|Children",
            "11,\"American President, The (1995)\",Comedy|Drama|Romance",
            "20,Empty,(no genres listed)");
        write("ratings.csv", "userId,movieId,rating,timestamp",
            "7,11,4.5,964982703",
            "7,1,3.0,964981247",
            "8,999,5.0,964981000",
            "8,20,0.5,964982703");

        final Dataset data = MovieLensReader.read(dir);

        assertThat(data.format()).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(data.products()).extracting(Product::id).containsExactly("1", "11", "20");
        final Product president = data.products().get(1);
        assertThat(president.title()).isEqualTo("American President, The (1995)");
        assertThat(president.category()).isEqualTo("comedy");
        assertThat(president.attributes()).isEqualTo(Map.of("genre", List.of("comedy", "drama", "romance")));
        assertThat(data.products().get(2).category()).isEqualTo("none");
        assertThat(data.products().get(2).attributes()).isEmpty();

        assertThat(data.skippedRows()).as("the rating of a movie missing from movies.csv").isEqualTo(1);
        final List<Event> events = data.events();
        assertThat(events).extracting(Event::timestampMs)
            .as("oldest first; equal times keep file order").containsExactly(964981247000L, 964982703000L,
                964982703000L);
        assertThat(events).extracting(Event::product).containsExactly("1", "11", "20");
        final Event first = events.get(0);
        assertThat(first.type()).isEqualTo(EventType.RATING);
        assertThat(first.user()).isEqualTo("7");
        assertThat(first.value()).isEqualTo(3.0);
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
    }

    @Test
    void shouldRejectAMovieLensFolderWithTheWrongHeader() throws Exception
    {
        write("movies.csv", "id,name", "1,x");
        write("ratings.csv", "userId,movieId,rating,timestamp");

        assertThatThrownBy(() -> MovieLensReader.read(dir)).hasMessageContaining("movieId,title,genres");
    }

    @Test
    void shouldReadRees46EventsWithTheirProducts() throws Exception
    {
        write("2019-Oct.csv", DatasetFormat.REES46_HEADER,
            "2019-10-01 00:00:05 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua," +
                "33.20,554748717,s1",
            "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,s2",
            "2019-10-01 00:00:07 UTC,purchase,3900821,2053013552326770905,appliances.environment.water_heater," +
                "aqua,33.20,554748717,s1",
            "2019-10-01 00:00:08 UTC,view,bad id,1,,x,1.00,554748717,s1",
            "2019-10-01 00:00:09 UTC,wishlist,3900821,1,,x,1.00,554748717,s1",
            "2019-10-01 00:00:10 UTC,view,3900821,1,,x,1.00,user/7,s1");

        final Dataset data = Rees46Reader.read(dir);

        assertThat(data.format()).isEqualTo(DatasetFormat.REES46);
        assertThat(data.skippedRows()).as("bad product id, unknown type, bad user id").isEqualTo(3);
        final Map<String, Product> products = new LinkedHashMap<>();
        data.products().forEach(p -> products.put(p.id(), p));
        assertThat(products.get("3900821").category()).isEqualTo("appliances/environment/water_heater");
        assertThat(products.get("3900821").brand()).isEqualTo("aqua");
        assertThat(products.get("3900821").price()).isEqualTo(33.20);
        assertThat(products.get("44600062").category()).isEqualTo("category-2103807459595387724");

        final List<Event> events = data.events();
        assertThat(events).extracting(Event::type)
            .containsExactly(EventType.VIEW, EventType.ADD_TO_CART, EventType.PURCHASE);
        assertThat(events.get(0).timestampMs()).isEqualTo(1_569_888_000_000L);
        assertThat(events.get(1).product()).isEqualTo("3900821");
        assertThat(events.get(2).items()).containsExactly(new LineItem("3900821", 1, 33.20));
        assertThat(Dataset.productOf(events.get(2))).isEqualTo("3900821");
        assertThat(events.get(2).user()).isEqualTo("554748717");
    }

    @Test
    void shouldDetectTheFormatFromTheFiles() throws Exception
    {
        final Path movielens = Files.createDirectory(dir.resolve("ml"));
        Files.writeString(movielens.resolve("movies.csv"), "movieId,title,genres\n");
        Files.writeString(movielens.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        final Path rees = Files.createDirectory(dir.resolve("rees"));
        Files.writeString(rees.resolve("sample.csv"), DatasetFormat.REES46_HEADER + "\n");
        final Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("x.csv"), "a,b\n");

        assertThat(DatasetFormat.detect(movielens)).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(DatasetFormat.detect(rees)).isEqualTo(DatasetFormat.REES46);
        assertThat(DatasetFormat.detect(rees.resolve("sample.csv"))).isEqualTo(DatasetFormat.REES46);
        assertThatThrownBy(() -> DatasetFormat.detect(other)).hasMessageContaining("--format");
        assertThat(DatasetFormat.fromOptionName("REES46")).isEqualTo(DatasetFormat.REES46);
    }

    @Test
    void shouldAcceptOnlyIdsTheApiAccepts()
    {
        assertThat(Ids.valid("554748717")).isTrue();
        assertThat(Ids.valid("a.b:c@d+e-f=g~h")).isTrue();
        assertThat(Ids.valid("")).isFalse();
        assertThat(Ids.valid("-leading-dash")).isFalse();
        assertThat(Ids.valid("has space")).isFalse();
        assertThat(Ids.valid("x".repeat(129))).isFalse();
    }

    private void write(final String name, final String... lines) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of(lines));
        Files.write(dir.resolve(name), all);
    }
}

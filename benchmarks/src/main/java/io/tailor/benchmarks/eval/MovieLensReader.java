package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GroupLens MovieLens folder ({@code movies.csv}: movieId,title,genres; {@code ratings.csv}:
 * userId,movieId,rating,timestamp) as Tailor products and events.
 * <p>
 * A movie is a product: its category is its first genre, attribute {@code genre} lists all its genres
 * (lower case, "(no genres listed)" becomes {@code none}). A rating is a {@code rating} event with the
 * rating as value at its timestamp (seconds). Ratings of movies missing from {@code movies.csv} are skipped
 * and counted.
 */
public final class MovieLensReader
{
    private static final String NO_GENRES = "(no genres listed)";

    private MovieLensReader()
    {
    }

    /**
     * Reads a MovieLens folder.
     *
     * @param folder folder holding {@code movies.csv} and {@code ratings.csv}.
     * @return the dataset.
     * @throws IOException when a file cannot be read.
     */
    public static Dataset read(final Path folder) throws IOException
    {
        long skipped = 0;
        final List<Product> products = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(folder.resolve("movies.csv"), StandardCharsets.UTF_8))
        {
            expectHeader(reader.readLine(), "movieId,title,genres", "movies.csv");
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (line.isEmpty())
                {
                    continue;
                }
                final List<String> f = Csv.split(line);
                if (f.size() != 3 || !Ids.valid(f.get(0)) || !ids.add(f.get(0)))
                {
                    skipped++;
                    continue;
                }
                products.add(movie(f.get(0), f.get(1), f.get(2)));
            }
        }

        final List<Event> events = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(folder.resolve("ratings.csv"), StandardCharsets.UTF_8))
        {
            expectHeader(reader.readLine(), "userId,movieId,rating,timestamp", "ratings.csv");
            String line;
            long row = 0;
            while ((line = reader.readLine()) != null)
            {
                row++;
                if (line.isEmpty())
                {
                    continue;
                }
                final List<String> f = Csv.split(line);
                final Event event = f.size() == 4 ? rating(row, f, ids) : null;
                if (event == null)
                {
                    skipped++;
                    continue;
                }
                events.add(event);
            }
        }
        events.sort(Comparator.comparingLong(Event::timestampMs));
        return new Dataset(folder.toAbsolutePath().normalize().getFileName().toString(), DatasetFormat.MOVIELENS,
            products, events, skipped);
    }

    /** A movie as a product; genres become the category (first) and the {@code genre} attribute (all). */
    static Product movie(final String id, final String title, final String genres)
    {
        final List<String> all = new ArrayList<>();
        if (!genres.isEmpty() && !genres.equals(NO_GENRES))
        {
            for (final String genre : genres.split("\\|"))
            {
                final String g = genre.strip().toLowerCase(Locale.ROOT);
                if (!g.isEmpty() && !all.contains(g))
                {
                    all.add(g);
                }
            }
        }
        final String category = all.isEmpty() ? "none" : all.get(0).replace('/', '-');
        return new Product(id, title, category, "", 0.0,
            all.isEmpty() ? Map.of() : Map.of("genre", List.copyOf(all)), true, Product.UNKNOWN_LAUNCH, false, null);
    }

    private static Event rating(final long row, final List<String> f, final Set<String> movies)
    {
        final String user = f.get(0);
        final String movie = f.get(1);
        if (!Ids.valid(user) || !movies.contains(movie))
        {
            return null;
        }
        try
        {
            final double value = Double.parseDouble(f.get(2));
            final long seconds = Long.parseLong(f.get(3).strip());
            if (!(value >= 0.0 && value <= 5.0))
            {
                return null;
            }
            return new Event("r" + row, EventType.RATING, user, null, movie, List.of(), value, seconds * 1000L,
                Channel.WEB, null, null);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private static void expectHeader(final String header, final String expected, final String file)
        throws IOException
    {
        if (header == null || !header.replace("\uFEFF", "").strip().equals(expected))
        {
            throw new IOException(file + ": expected the header '" + expected + "' but found " +
                (header == null ? "an empty file" : "'" + header + "'") + "; columns: " +
                Arrays.toString(expected.split(",")));
        }
    }
}

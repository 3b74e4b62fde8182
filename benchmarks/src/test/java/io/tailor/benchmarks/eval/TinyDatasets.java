package io.tailor.benchmarks.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small generated datasets with structure to learn: shoppers who prefer one genre (or category) and mostly
 * interact with its items, the popular ones more often.
 */
final class TinyDatasets
{
    private static final String[] GENRES = {"Action", "Comedy", "Drama", "Horror"};

    private TinyDatasets()
    {
    }

    /**
     * Writes a MovieLens-format folder.
     *
     * @param dir     folder to write {@code movies.csv} and {@code ratings.csv} into.
     * @param users   number of users.
     * @param movies  number of movies.
     * @param perUser ratings per user.
     * @param seed    random seed.
     * @return {@code dir}.
     * @throws IOException when writing fails.
     */
    static Path movieLens(final Path dir, final int users, final int movies, final int perUser, final long seed)
        throws IOException
    {
        final Random random = new Random(seed);
        final List<String> movieLines = new ArrayList<>();
        movieLines.add("movieId,title,genres");
        for (int m = 0; m < movies; m++)
        {
            final String genre = GENRES[m % GENRES.length];
            final String second = GENRES[(m / GENRES.length) % GENRES.length];
            movieLines.add((m + 1) + ",\"Movie " + m + ", The (1999)\"," + genre + "|" + second);
        }
        Files.write(dir.resolve("movies.csv"), movieLines);

        final List<String> ratingLines = new ArrayList<>();
        ratingLines.add("userId,movieId,rating,timestamp");
        long time = 1_000_000_000L;
        for (int u = 0; u < users; u++)
        {
            final int favourite = u % GENRES.length;
            final boolean[] rated = new boolean[movies];
            for (int n = 0; n < perUser; n++)
            {
                int m;
                do
                {
                    // Mostly the favourite genre; lower ids (the "popular" ones) more often.
                    final int genre = random.nextInt(10) < 8 ? favourite : random.nextInt(GENRES.length);
                    final int rank = (int)Math.min(movies / GENRES.length - 1,
                        Math.abs(random.nextGaussian()) * movies / 12.0);
                    m = rank * GENRES.length + genre;
                }
                while (m >= movies || rated[m]);
                rated[m] = true;
                time += 1 + random.nextInt(600);
                final double rating = 1 + random.nextInt(9) * 0.5;
                ratingLines.add((u + 1) + "," + (m + 1) + "," + rating + "," + time);
            }
        }
        Files.write(dir.resolve("ratings.csv"), ratingLines);
        return dir;
    }
}

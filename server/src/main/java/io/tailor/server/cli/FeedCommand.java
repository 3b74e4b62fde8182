package io.tailor.server.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.catalog.Product;
import io.tailor.server.config.InputLimits;
import io.tailor.server.feed.FeedAborted;
import io.tailor.server.feed.FeedBatches;
import io.tailor.server.feed.FeedFormat;
import io.tailor.server.feed.FeedProductMapper;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.Json;
import io.tailor.server.json.ProductJsonWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tailor feed}: catalog feeds. {@code tailor feed import FILE} reads a Merchant Center XML, TSV or CSV file
 * here, as a stream, and sends its products to a running node ({@code PUT /v1/products}, NDJSON, in batches): the
 * node stores them in the grid for the whole cluster and serves them at once, the same way as any upload. A one-off
 * import adds and updates; it removes nothing (a feed defined with {@code PUT /v1/feeds/{id}} removes what left it).
 */
@Command(name = "feed", mixinStandardHelpOptions = true, version = TailorCommand.VERSION,
    description = "Catalog feeds: 'feed import FILE' sends a Merchant Center XML, TSV or CSV file to a running node.",
    subcommands = {FeedCommand.Import.class, CommandLine.HelpCommand.class})
public final class FeedCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tailor feed import}. */
    @Command(name = "import", mixinStandardHelpOptions = true, version = TailorCommand.VERSION, sortOptions = false,
        description = {"Send a feed file's products to a running node (PUT /v1/products, in batches): added and " +
            "updated, nothing removed. Broken lines are listed with their line numbers and skipped.",
            "  TAILOR_API_KEY=... tailor feed import catalog.xml --node http://127.0.0.1:8080 " +
                "--label custom_label_0=style",
            "Exit code 0 when the whole file was read, 1 when it could not be read to its end or the node " +
                "refused a batch (what was sent before stays)."})
    static final class Import implements Callable<Integer>
    {
        /** Products per request: under the size a node patches into its live model at once (CatalogMirror). */
        static final int BATCH = 500;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The feed file (.xml, .tsv or .txt, .csv).")
        Path file;

        @Option(names = "--format", paramLabel = "FORMAT",
            description = "merchant-xml, tsv or csv (default: from the file's extension).")
        String format;

        @Option(names = "--node", defaultValue = "${env:TAILOR_NODE:-http://127.0.0.1:8080}", paramLabel = "URL",
            description = "The node to send to (env TAILOR_NODE; default ${DEFAULT-VALUE}).")
        String node;

        @Option(names = "--api-key", defaultValue = "${env:TAILOR_API_KEY}", paramLabel = "KEY",
            description = "API key with catalog:write (env TAILOR_API_KEY); none when the node runs without keys.")
        String apiKey;

        @Option(names = "--label", split = ",", paramLabel = "custom_label_N=NAME",
            description = "The attribute a custom label fills, e.g. custom_label_0=style (default: its own name).")
        Map<String, String> labels = new LinkedHashMap<>();

        @Override
        public Integer call() throws IOException, InterruptedException
        {
            final FeedFormat chosen = format == null ? FeedFormat.fromFileName(file.getFileName().toString()) :
                FeedFormat.fromWireName(format);
            if (chosen == null)
            {
                throw new IllegalArgumentException(format == null ? "the file's extension names no format; give " +
                    "--format merchant-xml, tsv or csv" : "--format must be merchant-xml, tsv or csv");
            }
            try
            {
                FeedProductMapper.checkLabels(labels, "--label");
            }
            catch (final InvalidInput ex)
            {
                throw new IllegalArgumentException(ex.field() + ": " + ex.reason());
            }
            if (!Files.isReadable(file))
            {
                throw new IllegalArgumentException("cannot read " + file);
            }
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            final URI products = URI.create(node.replaceAll("/+$", "") + "/v1/products");
            final long[] sent = new long[1];
            final FeedBatches batches = new FeedBatches(new FeedProductMapper(labels, InputLimits.DEFAULT), BATCH,
                batch ->
                {
                    send(client, products, batch);
                    sent[0] += batch.size();
                });
            boolean whole = true;
            try (InputStream in = Files.newInputStream(file))
            {
                batches.readAll(in, chosen);
            }
            catch (final FeedAborted ex)
            {
                whole = false;
                err.println("tailor feed import: stopped at line " + ex.line() + ": " + ex.reason());
            }
            for (final FeedBatches.BrokenLine line : batches.broken())
            {
                err.println("line " + line.line() + (line.field() == null ? "" : " (" + line.field() + ")") + ": " +
                    line.reason());
            }
            if (batches.brokenCount() > batches.broken().size())
            {
                err.println("... and " + (batches.brokenCount() - batches.broken().size()) + " more broken lines");
            }
            out.println("imported " + sent[0] + " products from " + batches.items() + " items of " + file + "; " +
                batches.brokenCount() + " broken lines skipped");
            return whole ? 0 : 1;
        }

        private void send(final HttpClient client, final URI products, final List<Product> batch) throws FeedAborted
        {
            final HttpRequest.Builder request = HttpRequest.newBuilder(products).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ndjson(batch)));
            if (apiKey != null && !apiKey.isEmpty())
            {
                request.header("Authorization", "Bearer " + apiKey);
            }
            final HttpResponse<String> answer;
            try
            {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            catch (final IOException ex)
            {
                throw new FeedAborted(0, "the node at " + node + " cannot be reached: " + ex.getMessage());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new FeedAborted(0, "interrupted");
            }
            if (answer.statusCode() != 200)
            {
                throw new FeedAborted(0, "the node answered " + answer.statusCode() + ": " + answer.body());
            }
        }

        private static byte[] ndjson(final List<Product> batch)
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 256);
            try
            {
                for (final Product product : batch)
                {
                    try (JsonGenerator json = Json.FACTORY.createGenerator(bytes))
                    {
                        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                        ProductJsonWriter.write(json, product);
                    }
                    bytes.write('\n');
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return bytes.toByteArray();
        }
    }
}

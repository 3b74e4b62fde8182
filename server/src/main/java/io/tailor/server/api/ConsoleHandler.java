package io.tailor.server.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The console under {@code /console/}: plain HTML, CSS and ES modules from the server jar
 * ({@code resources/console/}: the shell and {@code assets/}), no build step and nothing fetched from
 * elsewhere. A path naming one of its files gets the file; any other path under {@code /console/} (a page
 * such as {@code /console/shoppers/42}) gets the app shell, whose script routes on the address, so deep links
 * survive a reload.
 *
 * <p>The files are not secret and need no key: the console asks its user for one and every number it shows
 * comes from the documented API with that key. A strict Content-Security-Policy allows only the console's own
 * scripts, styles and API calls, so text from the API (product titles, shopper ids) can never run as script.
 */
final class ConsoleHandler
{
    /** Where the files are, on the class path. */
    static final String ROOT = "console";

    private static final String SHELL = "index.html";
    private static final String ASSETS = "/console/assets/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final String keys;
    private final StaticHandler files = StaticHandler.create(ROOT)
        .setCachingEnabled(false)
        .setDirectoryListing(false)
        .setIndexPage(SHELL)
        .setDefaultContentEncoding("UTF-8");

    /**
     * The console of a node.
     *
     * @param keysRequired whether the node has API keys: the shell's answers say so in {@code Tailor-Api-Keys}
     *                     ({@code required} or {@code none}), so the page knows whether to ask for one without
     *                     making a request that fails.
     */
    ConsoleHandler(final boolean keysRequired)
    {
        this.keys = keysRequired ? "required" : "none";
    }

    /**
     * Adds the console's headers to every answer under {@code /console/}.
     *
     * @param ctx routing context.
     */
    void headers(final RoutingContext ctx)
    {
        ctx.response().headers()
            .set("Content-Security-Policy", POLICY)
            .set("X-Content-Type-Options", "nosniff")
            .set("Referrer-Policy", "no-referrer")
            .set(HttpHeaders.CACHE_CONTROL, "no-cache")
            .set("Tailor-Api-Keys", keys);
        ctx.next();
    }

    /**
     * Serves a file of the console, or passes to {@link #shell} when there is no such file.
     *
     * @return the handler.
     */
    Handler<RoutingContext> files()
    {
        return files;
    }

    /**
     * Sends {@code /console} (typed without its slash) to {@code /console/}, where the page's relative
     * addresses resolve.
     *
     * @param ctx routing context.
     */
    static void toShell(final RoutingContext ctx)
    {
        if (ctx.request().path().endsWith("/"))
        {
            // Vert.x matches an exact path with or without its trailing slash: /console/ is the page itself.
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(308).putHeader(HttpHeaders.LOCATION, "/console/").end();
    }

    /**
     * Serves the app shell for a console page.
     *
     * @param ctx routing context.
     */
    void shell(final RoutingContext ctx)
    {
        if (ctx.normalizedPath().startsWith(ASSETS))
        {
            // A file that is not there: 404, not a page (a script tag would otherwise get HTML).
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
        ctx.response().sendFile(ROOT + "/" + SHELL);
    }
}

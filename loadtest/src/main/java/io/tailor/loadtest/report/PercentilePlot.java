package io.tailor.loadtest.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The percentile spectrum of each request type in one picture, as HdrHistogram's plotter draws it: the x axis
 * is the percentile on a "number of nines" scale (0 %, 90 %, 99 %, 99.9 % ...), the y axis latency on a log
 * scale, objectives as dashed lines. Rendered as inline SVG (a self-contained HTML page, no script) and as PNG.
 */
public final class PercentilePlot
{
    /** Width of the picture in pixels. */
    public static final int WIDTH = 960;
    /** Height of the picture in pixels. */
    public static final int HEIGHT = 560;

    private static final double MAX_NINES = 5.0;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};

    /**
     * One line of the plot.
     *
     * @param name        legend text.
     * @param percentiles percentiles 0..100.
     * @param valuesUs    latency at each percentile, microseconds.
     */
    public record Series(String name, double[] percentiles, double[] valuesUs)
    {
    }

    /**
     * A horizontal objective line.
     *
     * @param label   legend text.
     * @param limitUs the limit, microseconds.
     */
    public record Limit(String label, double limitUs)
    {
    }

    private final String title;
    private final List<Series> series = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();

    /**
     * An empty plot.
     *
     * @param title heading.
     */
    public PercentilePlot(final String title)
    {
        this.title = title;
    }

    /**
     * Adds the spectrum of a histogram of nanoseconds.
     *
     * @param name      legend text.
     * @param histogram values in nanoseconds.
     * @return this plot.
     */
    public PercentilePlot add(final String name, final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return this;
        }
        final List<double[]> points = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(5))
        {
            final double percentile = Math.min(100.0, value.getPercentileLevelIteratedTo());
            final long valueNs = histogram.highestEquivalentValue(value.getValueIteratedTo());
            points.add(new double[] {percentile, valueNs / 1000.0});
            if (percentile >= 100.0)
            {
                break;
            }
        }
        final double[] percentiles = new double[points.size()];
        final double[] values = new double[points.size()];
        for (int i = 0; i < points.size(); i++)
        {
            percentiles[i] = points.get(i)[0];
            values[i] = points.get(i)[1];
        }
        series.add(new Series(name, percentiles, values));
        return this;
    }

    /**
     * Adds an objective line.
     *
     * @param label   legend text.
     * @param limitUs limit in microseconds.
     * @return this plot.
     */
    public PercentilePlot limit(final String label, final double limitUs)
    {
        limits.add(new Limit(label, limitUs));
        return this;
    }

    /**
     * The lines.
     *
     * @return series in the order added.
     */
    public List<Series> series()
    {
        return List.copyOf(series);
    }

    /** Maps values to pixels. */
    private final class Geometry
    {
        final double lowDecade;
        final double highDecade;

        Geometry()
        {
            double low = Double.MAX_VALUE;
            double high = 0;
            for (final Series s : series)
            {
                for (final double v : s.valuesUs())
                {
                    low = Math.min(low, Math.max(v, 0.1));
                    high = Math.max(high, v);
                }
            }
            for (final Limit limit : limits)
            {
                low = Math.min(low, limit.limitUs());
                high = Math.max(high, limit.limitUs());
            }
            if (high <= 0)
            {
                low = 1;
                high = 1000;
            }
            lowDecade = Math.floor(Math.log10(low));
            highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(high)));
        }

        double x(final double percentile)
        {
            final double nines = percentile >= 100 ? MAX_NINES : Math.min(MAX_NINES, -Math.log10(1 - percentile / 100));
            return LEFT + nines / MAX_NINES * (WIDTH - LEFT - RIGHT);
        }

        double y(final double valueUs)
        {
            final double decade = Math.log10(Math.max(valueUs, Math.pow(10, lowDecade)));
            return HEIGHT - BOTTOM - (decade - lowDecade) / (highDecade - lowDecade) * (HEIGHT - TOP - BOTTOM);
        }
    }

    /**
     * The plot as a standalone SVG element.
     *
     * @return SVG markup.
     */
    public String svg()
    {
        final Geometry g = new Geometry();
        final StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">")
            .append(escape(title)).append("</text>\n");
        final double plotLeft = LEFT;
        final double plotRight = WIDTH - RIGHT;
        final double plotTop = TOP;
        final double plotBottom = HEIGHT - BOTTOM;
        for (int nines = 0; nines <= (int)MAX_NINES; nines++)
        {
            final double percentile = 100 * (1 - Math.pow(10, -nines));
            final double x = g.x(percentile);
            svg.append(line(x, plotTop, x, plotBottom, "#dddddd", 1, false));
            svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(plotBottom + 18))
                .append("\" text-anchor=\"middle\">").append(percentileLabel(nines)).append("</text>\n");
        }
        for (int decade = (int)g.lowDecade; decade <= (int)g.highDecade; decade++)
        {
            final double y = g.y(Math.pow(10, decade));
            svg.append(line(plotLeft, y, plotRight, y, "#dddddd", 1, false));
            svg.append("<text x=\"").append(fmt(plotLeft - 6)).append("\" y=\"").append(fmt(y + 4))
                .append("\" text-anchor=\"end\">").append(latencyLabel(Math.pow(10, decade))).append("</text>\n");
        }
        svg.append("<rect x=\"").append(fmt(plotLeft)).append("\" y=\"").append(fmt(plotTop)).append("\" width=\"")
            .append(fmt(plotRight - plotLeft)).append("\" height=\"").append(fmt(plotBottom - plotTop))
            .append("\" fill=\"none\" stroke=\"#444444\"/>\n");
        svg.append("<text x=\"").append(fmt((plotLeft + plotRight) / 2)).append("\" y=\"").append(HEIGHT - 16)
            .append("\" text-anchor=\"middle\">percentile</text>\n");
        svg.append("<text transform=\"translate(18,").append(fmt((plotTop + plotBottom) / 2))
            .append(") rotate(-90)\" text-anchor=\"middle\">latency (log scale)</text>\n");
        int legend = 0;
        for (int s = 0; s < series.size(); s++)
        {
            final Series line = series.get(s);
            final String colour = COLOURS[s % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"");
            for (int i = 0; i < line.percentiles().length; i++)
            {
                svg.append(fmt(g.x(line.percentiles()[i]))).append(',')
                    .append(fmt(g.y(line.valuesUs()[i]))).append(' ');
            }
            svg.append("\"/>\n");
            svg.append(legendEntry(legend++, colour, false, line.name()));
        }
        for (final Limit limit : limits)
        {
            final double y = g.y(limit.limitUs());
            svg.append(line(plotLeft, y, plotRight, y, "#000000", 1.5, true));
            svg.append(legendEntry(legend++, "#000000", true, limit.label()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * The plot as a self-contained HTML page (inline SVG, no script, nothing fetched).
     *
     * @param heading text above the plot.
     * @param notes   lines shown below it.
     * @return the page.
     */
    public String html(final String heading, final List<String> notes)
    {
        final StringBuilder html = new StringBuilder(svg().length() + 2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(escape(heading)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}" +
                "pre{background:#f6f6f6;padding:1em}</style>\n</head>\n<body>\n<h1>").append(escape(heading))
            .append("</h1>\n").append(svg());
        html.append("<pre>");
        for (final String note : notes)
        {
            html.append(escape(note)).append('\n');
        }
        html.append("</pre>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Draws the plot as a PNG (java.awt, headless).
     *
     * @param file target file.
     * @throws IOException when it cannot be written.
     */
    public void writePng(final Path file) throws IOException
    {
        final Geometry g = new Geometry();
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = image.createGraphics();
        try
        {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, WIDTH, HEIGHT);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            final int plotLeft = LEFT;
            final int plotRight = WIDTH - RIGHT;
            final int plotTop = TOP;
            final int plotBottom = HEIGHT - BOTTOM;
            graphics.setColor(Color.BLACK);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            centred(graphics, title, WIDTH / 2, 24);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int nines = 0; nines <= (int)MAX_NINES; nines++)
            {
                final int x = (int)Math.round(g.x(100 * (1 - Math.pow(10, -nines))));
                graphics.setColor(new Color(0xdddddd));
                graphics.drawLine(x, plotTop, x, plotBottom);
                graphics.setColor(Color.BLACK);
                centred(graphics, percentileLabel(nines), x, plotBottom + 18);
            }
            for (int decade = (int)g.lowDecade; decade <= (int)g.highDecade; decade++)
            {
                final int y = (int)Math.round(g.y(Math.pow(10, decade)));
                graphics.setColor(new Color(0xdddddd));
                graphics.drawLine(plotLeft, y, plotRight, y);
                graphics.setColor(Color.BLACK);
                final String label = latencyLabel(Math.pow(10, decade));
                graphics.drawString(label, plotLeft - 6 - graphics.getFontMetrics().stringWidth(label), y + 4);
            }
            graphics.setColor(new Color(0x444444));
            graphics.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
            graphics.setColor(Color.BLACK);
            centred(graphics, "percentile", (plotLeft + plotRight) / 2, HEIGHT - 16);
            int legend = 0;
            for (int s = 0; s < series.size(); s++)
            {
                final Series line = series.get(s);
                final Color colour = Color.decode(COLOURS[s % COLOURS.length]);
                final Path2D path = new Path2D.Double();
                for (int i = 0; i < line.percentiles().length; i++)
                {
                    final double x = g.x(line.percentiles()[i]);
                    final double y = g.y(line.valuesUs()[i]);
                    if (i == 0)
                    {
                        path.moveTo(x, y);
                    }
                    else
                    {
                        path.lineTo(x, y);
                    }
                }
                graphics.setColor(colour);
                graphics.setStroke(new BasicStroke(2f));
                graphics.draw(path);
                pngLegend(graphics, legend++, colour, false, line.name());
            }
            for (final Limit limit : limits)
            {
                final int y = (int)Math.round(g.y(limit.limitUs()));
                graphics.setColor(Color.BLACK);
                graphics.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
                graphics.drawLine(plotLeft, y, plotRight, y);
                pngLegend(graphics, legend++, Color.BLACK, true, limit.label());
            }
        }
        finally
        {
            graphics.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile()))
        {
            throw new IOException("no PNG writer available");
        }
    }

    private static void pngLegend(final Graphics2D graphics, final int index, final Color colour, final boolean dashed,
        final String text)
    {
        final int x = WIDTH - RIGHT + 16;
        final int y = TOP + 10 + index * 20;
        graphics.setColor(colour);
        graphics.setStroke(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
        graphics.drawLine(x, y, x + 24, y);
        graphics.setColor(Color.BLACK);
        graphics.drawString(text, x + 30, y + 4);
    }

    private static void centred(final Graphics2D graphics, final String text, final int x, final int y)
    {
        graphics.drawString(text, x - graphics.getFontMetrics().stringWidth(text) / 2, y);
    }

    private static String legendEntry(final int index, final String colour, final boolean dashed, final String text)
    {
        final int x = WIDTH - RIGHT + 16;
        final int y = TOP + 10 + index * 20;
        return line(x, y, x + 24, y, colour, dashed ? 1.5 : 2, dashed) + "<text x=\"" + (x + 30) + "\" y=\"" + (y + 4) +
            "\">" + escape(text) + "</text>\n";
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String colour,
        final double width, final boolean dashed)
    {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) +
            "\" stroke=\"" + colour + "\" stroke-width=\"" + fmt(width) + "\"" +
            (dashed ? " stroke-dasharray=\"6,4\"" : "") + "/>\n";
    }

    private static String percentileLabel(final int nines)
    {
        return switch (nines)
        {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            case 3 -> "99.9%";
            case 4 -> "99.99%";
            default -> "99.999%";
        };
    }

    /**
     * A latency for a label: {@code 250µs}, {@code 1ms}, {@code 1.5s}.
     *
     * @param micros microseconds.
     * @return the label.
     */
    public static String latencyLabel(final double micros)
    {
        if (micros >= 1_000_000)
        {
            return trim(micros / 1_000_000) + "s";
        }
        if (micros >= 1000)
        {
            return trim(micros / 1000) + "ms";
        }
        if (micros > 0 && micros < 1)
        {
            return trim(micros * 1000) + "ns";
        }
        return trim(micros) + "µs";
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

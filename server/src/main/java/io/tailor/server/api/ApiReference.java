package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API contract as a node serves it: {@code openapi.yaml} as bundled, and a reference page rendered from it
 * in Java (paths, methods, scopes, parameters, bodies, answers, schemas), plain HTML with inline CSS and no
 * script, so it reads the same offline and needs no CDN. Both are made once per process, at first use.
 */
final class ApiReference
{
    /** The bundled contract's resource name. */
    static final String RESOURCE = "/openapi.yaml";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final String REF_PREFIX = "#/components/";
    private static final String STYLE = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1b1f24}
        h1{margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2.5rem}
        h3{margin:1.8rem 0 .4rem;font-size:1.05rem}code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}
        .op{border:1px solid #d0d7de;border-radius:6px;padding:.4rem .9rem;margin:.9rem 0}
        .method{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}
        .get{color:#0969da}.put{color:#9a6700}.post{color:#1a7f37}.delete{color:#cf222e}
        .scope{float:right;font-size:.85rem;color:#57606a}table{border-collapse:collapse;margin:.4rem 0;width:100%}
        th,td{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
        th{background:#f6f8fa}nav ul{columns:3;font-size:.9rem}
        @media (max-width:700px){nav ul{columns:1}.scope{float:none;display:block}}
        """;

    private final byte[] yaml;
    private final byte[] html;

    private ApiReference(final byte[] yaml, final JsonNode spec)
    {
        this.yaml = yaml;
        this.html = render(spec).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The process's reference, read and rendered at first use.
     *
     * @return the reference.
     */
    static ApiReference shared()
    {
        return Holder.INSTANCE;
    }

    /**
     * Reads and renders a contract.
     *
     * @param yaml the contract's bytes.
     * @return the reference.
     * @throws IOException when the bytes are not YAML.
     */
    static ApiReference of(final byte[] yaml) throws IOException
    {
        return new ApiReference(yaml, new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    /**
     * The contract exactly as bundled.
     *
     * @return UTF-8 YAML; callers must not change it.
     */
    byte[] yaml()
    {
        return yaml;
    }

    /**
     * The reference page.
     *
     * @return UTF-8 HTML; callers must not change it.
     */
    byte[] html()
    {
        return html;
    }

    private static String render(final JsonNode spec)
    {
        final StringBuilder out = new StringBuilder(256 * 1024);
        final JsonNode info = spec.path("info");
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .append("<title>").append(escape(info.path("title").asText("API"))).append(" reference</title>")
            .append("<style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>").append(escape(info.path("title").asText("API"))).append(" v")
            .append(escape(info.path("version").asText())).append("</h1>\n<p>")
            .append(escape(info.path("summary").asText())).append(" The contract itself: <a href=\"/openapi.yaml\">")
            .append("openapi.yaml</a>.</p>\n");
        out.append(markdown(info.path("description").asText()));

        final JsonNode paths = spec.path("paths");
        out.append("<nav><h2>Operations</h2><ul>\n");
        forEachOperation(paths, (path, method, operation) -> out.append("<li><a href=\"#").append(anchor(method, path))
            .append("\"><span class=\"method ").append(method).append("\">").append(method).append("</span> <code>")
            .append(escape(path)).append("</code></a></li>\n"));
        out.append("</ul></nav>\n<h2>Paths</h2>\n");
        final JsonNode defaultSecurity = spec.path("security");
        forEachOperation(paths, (path, method, operation) ->
            operation(out, spec, path, method, operation, paths.path(path).path("parameters"), defaultSecurity));

        out.append("<h2 id=\"security\">Keys and scopes</h2>\n");
        for (final Map.Entry<String, JsonNode> scheme : spec.path("components").path("securitySchemes").properties())
        {
            out.append("<h3>").append(escape(scheme.getKey())).append(" (").append(escape(scheme.getValue()
                .path("type").asText())).append(' ').append(escape(scheme.getValue().path("scheme").asText()))
                .append(")</h3>\n").append(markdown(scheme.getValue().path("description").asText()));
        }

        out.append("<h2 id=\"schemas\">Schemas</h2>\n");
        for (final Map.Entry<String, JsonNode> schema : spec.path("components").path("schemas").properties())
        {
            out.append("<h3 id=\"schema-").append(escape(schema.getKey())).append("\">").append(escape(schema.getKey()))
                .append("</h3>\n");
            schemaBody(out, schema.getValue());
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    /** One operation of a path. */
    @FunctionalInterface
    private interface OperationVisitor
    {
        void visit(String path, String method, JsonNode operation);
    }

    private static void forEachOperation(final JsonNode paths, final OperationVisitor visitor)
    {
        for (final Map.Entry<String, JsonNode> path : paths.properties())
        {
            for (final String method : METHODS)
            {
                if (path.getValue().has(method))
                {
                    visitor.visit(path.getKey(), method, path.getValue().get(method));
                }
            }
        }
    }

    private static void operation(final StringBuilder out, final JsonNode spec, final String path, final String method,
        final JsonNode operation, final JsonNode pathParameters, final JsonNode defaultSecurity)
    {
        final JsonNode security = operation.has("security") ? operation.get("security") : defaultSecurity;
        final String scope = security.isEmpty() ? "no key needed" :
            "scope <code>" + escape(security.get(0).path("apiKey").path(0).asText("any key")) + "</code>";
        out.append("<div class=\"op\" id=\"").append(anchor(method, path)).append("\"><h3><span class=\"method ")
            .append(method).append("\">").append(method).append("</span> <code>").append(escape(path))
            .append("</code><span class=\"scope\">").append(scope).append("</span></h3>\n<p><b>")
            .append(escape(operation.path("summary").asText())).append("</b></p>\n")
            .append(markdown(operation.path("description").asText()));

        final StringBuilder parameters = new StringBuilder();
        for (final JsonNode list : List.of(pathParameters, operation.path("parameters")))
        {
            for (final JsonNode reference : list)
            {
                final JsonNode parameter = resolve(spec, reference);
                parameters.append("<tr><td><code>").append(escape(parameter.path("name").asText()))
                    .append("</code></td><td>").append(escape(parameter.path("in").asText())).append("</td><td>")
                    .append(parameter.path("required").asBoolean() ? "yes" : "no").append("</td><td>")
                    .append(type(parameter.path("schema"))).append("</td><td>")
                    .append(inline(parameter.path("description").asText())).append("</td></tr>\n");
            }
        }
        if (parameters.length() > 0)
        {
            out.append("<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th>")
                .append("<th>description</th></tr>\n").append(parameters).append("</table>\n");
        }
        final JsonNode body = operation.path("requestBody").path("content");
        if (!body.isMissingNode())
        {
            out.append("<table><tr><th>request body</th><th>schema</th></tr>\n");
            for (final Map.Entry<String, JsonNode> content : body.properties())
            {
                out.append("<tr><td><code>").append(escape(content.getKey())).append("</code></td><td>")
                    .append(type(content.getValue().path("schema"))).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<table><tr><th>status</th><th>answer</th><th>schema</th></tr>\n");
        for (final Map.Entry<String, JsonNode> status : operation.path("responses").properties())
        {
            final JsonNode response = resolve(spec, status.getValue());
            final StringBuilder schemas = new StringBuilder();
            for (final Map.Entry<String, JsonNode> content : response.path("content").properties())
            {
                schemas.append("<code>").append(escape(content.getKey())).append("</code> ")
                    .append(type(content.getValue().path("schema"))).append("<br>");
            }
            out.append("<tr><td>").append(escape(status.getKey())).append("</td><td>")
                .append(inline(response.path("description").asText())).append("</td><td>").append(schemas)
                .append("</td></tr>\n");
        }
        out.append("</table></div>\n");
    }

    private static void schemaBody(final StringBuilder out, final JsonNode schema)
    {
        out.append(markdown(schema.path("description").asText()));
        final JsonNode properties = schema.path("properties");
        if (properties.isObject() && properties.size() > 0)
        {
            final JsonNode required = schema.path("required");
            out.append("<table><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr>\n");
            for (final Map.Entry<String, JsonNode> property : properties.properties())
            {
                boolean isRequired = false;
                for (final JsonNode name : required)
                {
                    isRequired |= name.asText().equals(property.getKey());
                }
                out.append("<tr><td><code>").append(escape(property.getKey())).append("</code></td><td>")
                    .append(type(property.getValue())).append("</td><td>").append(isRequired ? "yes" : "no")
                    .append("</td><td>").append(inline(property.getValue().path("description").asText()))
                    .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        else
        {
            out.append("<p>").append(type(schema)).append("</p>\n");
        }
    }

    /** A schema in one line: a link for a reference, the type with its enum, bounds and pattern otherwise. */
    private static String type(final JsonNode schema)
    {
        if (schema.isMissingNode() || schema.isNull())
        {
            return "";
        }
        if (schema.has("$ref"))
        {
            final String name = schema.get("$ref").asText().replaceFirst(".*/", "");
            return "<a href=\"#schema-" + escape(name) + "\">" + escape(name) + "</a>";
        }
        for (final String combinator : List.of("oneOf", "anyOf", "allOf"))
        {
            if (schema.has(combinator) && schema.get(combinator).isArray())
            {
                final StringBuilder text = new StringBuilder(combinator).append(": ");
                for (final JsonNode part : schema.get(combinator))
                {
                    text.append(type(part)).append(part.equals(schema.get(combinator).get(schema.get(combinator)
                        .size() - 1)) ? "" : " | ");
                }
                return text.toString();
            }
        }
        final StringBuilder text = new StringBuilder(escape(schema.path("type").isArray() ?
            schema.path("type").toString() : schema.path("type").asText("any")));
        if (schema.has("items"))
        {
            text.append(" of ").append(type(schema.get("items")));
        }
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject())
        {
            text.append(" of name to ").append(type(schema.get("additionalProperties")));
        }
        if (schema.has("enum"))
        {
            text.append(" one of <code>").append(escape(join(schema.get("enum")))).append("</code>");
        }
        if (schema.has("const"))
        {
            text.append(" <code>").append(escape(schema.get("const").asText())).append("</code>");
        }
        for (final String bound : List.of("minimum", "maximum", "maxItems", "maxLength", "default"))
        {
            if (schema.has(bound))
            {
                text.append(", ").append(bound).append(' ').append(escape(schema.get(bound).asText()));
            }
        }
        return text.toString();
    }

    private static String join(final JsonNode values)
    {
        final StringBuilder text = new StringBuilder();
        for (final JsonNode value : values)
        {
            text.append(text.length() == 0 ? "" : ", ").append(value.asText());
        }
        return text.toString();
    }

    private static JsonNode resolve(final JsonNode spec, final JsonNode node)
    {
        final String ref = node.path("$ref").asText("");
        if (!ref.startsWith(REF_PREFIX))
        {
            return node;
        }
        JsonNode target = spec.path("components");
        for (final String part : ref.substring(REF_PREFIX.length()).split("/"))
        {
            target = target.path(part);
        }
        return target;
    }

    private static String anchor(final String method, final String path)
    {
        return method + "-" + path.replaceAll("[^A-Za-z0-9]+", "-");
    }

    /** The little markdown the contract's texts use: paragraphs, list items, code and bold. */
    private static String markdown(final String text)
    {
        if (text.isBlank())
        {
            return "";
        }
        final StringBuilder out = new StringBuilder();
        for (final String paragraph : text.strip().split("\n\\s*\n"))
        {
            if (paragraph.stripLeading().startsWith("- "))
            {
                out.append("<ul>");
                for (final String item : paragraph.strip().split("\n\\s*- "))
                {
                    out.append("<li>").append(inline(item.replaceFirst("^- ", ""))).append("</li>");
                }
                out.append("</ul>\n");
            }
            else
            {
                out.append("<p>").append(inline(paragraph)).append("</p>\n");
            }
        }
        return out.toString();
    }

    private static String inline(final String text)
    {
        final String escaped = escape(text.strip());
        final Matcher code = CODE.matcher(escaped);
        final String withCode = code.replaceAll("<code>$1</code>");
        return BOLD.matcher(withCode).replaceAll("<b>$1</b>");
    }

    private static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Reads the bundled contract once, when first asked for. */
    private static final class Holder
    {
        private static final ApiReference INSTANCE = load();

        private static ApiReference load()
        {
            try (InputStream in = ApiReference.class.getResourceAsStream(RESOURCE))
            {
                if (in == null)
                {
                    throw new IllegalStateException(RESOURCE + " is not bundled with the server");
                }
                return of(in.readAllBytes());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the bundled " + RESOURCE, ex);
            }
        }
    }
}

package io.tailor.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Validates Kubernetes objects against the fabric8 Kubernetes model (classes generated from the Kubernetes OpenAPI
 * schema), strictly: the way {@code kubectl apply --validate=strict} and the API server's strict field validation
 * reject objects.
 * <ul>
 *   <li>an unknown {@code apiVersion}/{@code kind} pair is an error;</li>
 *   <li>an unknown field anywhere is an error (the model's catch-all "additional properties" are switched off);</li>
 *   <li>a value of the wrong JSON type is an error: no string for a number or boolean, no number or boolean for a
 *       string (so an unquoted {@code 8080} in an annotation or ConfigMap fails, as it does in Kubernetes);</li>
 *   <li>every object needs {@code metadata.name}.</li>
 * </ul>
 */
final class StrictKubernetesModel
{
    private final Map<String, Class<? extends KubernetesResource>> kinds = new TreeMap<>();
    private final JsonMapper mapper;

    StrictKubernetesModel()
    {
        ServiceLoader.load(KubernetesResource.class).stream()
            .map(ServiceLoader.Provider::type)
            .filter(HasMetadata.class::isAssignableFrom)
            .forEach(type -> kinds.put(key(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)), type));
        mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .addModule(new SimpleModule("no-additional-properties").setDeserializerModifier(new NoAnySetter()))
            .build();
    }

    /**
     * Whether the model knows a kind (a sanity check that the model jars were found).
     *
     * @param apiVersion e.g. {@code apps/v1}.
     * @param kind       e.g. {@code StatefulSet}.
     * @return true when objects of that kind can be validated.
     */
    boolean knows(final String apiVersion, final String kind)
    {
        return kinds.containsKey(key(apiVersion, kind));
    }

    /**
     * Reads one object strictly.
     *
     * @param object a Kubernetes object as parsed from YAML.
     * @return the typed object.
     * @throws IllegalArgumentException naming the object, the field path and what is wrong.
     */
    HasMetadata read(final JsonNode object)
    {
        final String apiVersion = object.path("apiVersion").asText();
        final String kind = object.path("kind").asText();
        final String name = object.path("metadata").path("name").asText();
        final String what = kind + " '" + name + "' (" + apiVersion + ")";
        final Class<? extends KubernetesResource> type = kinds.get(key(apiVersion, kind));
        if (type == null)
        {
            throw new IllegalArgumentException(what + ": unknown apiVersion/kind");
        }
        if (name.isEmpty())
        {
            throw new IllegalArgumentException(what + ": metadata.name is required");
        }
        try
        {
            return (HasMetadata)mapper.treeToValue(object, type);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(what + ": " + ex.getOriginalMessage() + " at " + path(ex), ex);
        }
    }

    private static String key(final String apiVersion, final String kind)
    {
        return apiVersion + "/" + kind;
    }

    private static String path(final JsonProcessingException ex)
    {
        if (ex instanceof com.fasterxml.jackson.databind.JsonMappingException mapping)
        {
            final StringBuilder path = new StringBuilder();
            for (final com.fasterxml.jackson.databind.JsonMappingException.Reference ref : mapping.getPath())
            {
                path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return path.length() > 0 ? path.substring(path.charAt(0) == '.' ? 1 : 0) : "(root)";
        }
        return "(unknown)";
    }

    /**
     * Drops the catch-all setter the generated classes have for unknown fields, so that an unknown field fails.
     */
    private static final class NoAnySetter extends BeanDeserializerModifier
    {
        private static final long serialVersionUID = 1L;

        @Override
        public BeanDeserializerBuilder updateBuilder(
            final DeserializationConfig config,
            final BeanDescription description,
            final BeanDeserializerBuilder builder)
        {
            builder.setAnySetter(null);
            return builder;
        }
    }
}

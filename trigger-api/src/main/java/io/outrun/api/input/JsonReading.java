package io.outrun.api.input;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;

/**
 * How trigger-api reads JSON: strictly. trigger-api's JSON mapper reads only request bodies (events
 * have their own codec), so it is configured here for all of them.
 *
 * <ul>
 *   <li>Jackson's stream limits come from {@link ApiLimits}, so a document too deep, with too many
 *       tokens, or with a huge string, key or number is refused while it is parsed.
 *   <li>A duplicate key is an error, not "the last one wins".
 *   <li>No scalar coercion: a name of {@code 123} or {@code true}, {@code "enabled": 1}, {@code
 *       "version": "2"} or {@code 1.5} are 400s naming the field, not quietly converted. A whole
 *       number where a fraction is expected is fine ({@code "x": 1} for a double).
 *   <li>Strings and keys must be well-formed Unicode ({@link WellFormedText}), and the bytes
 *       well-formed UTF-8 ({@link WellFormedUtf8}).
 * </ul>
 *
 * Unknown properties stay ignored: editors send fields of their own (a ReactFlow node carries
 * {@code width}, {@code selected}, ...).
 */
@Configuration(proxyBeanMethods = false)
class JsonReading {

  @Bean
  JsonFactoryBuilderCustomizer boundedJsonParsing(ApiLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxJsonDepth())
            .maxTokenCount(limits.maxJsonTokens())
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxKeyLength())
            .maxNumberLength(limits.maxNumberLength())
            .build();
    return factory ->
        factory
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .inputDecorator(new WellFormedUtf8());
  }

  @Bean
  JsonMapperBuilderCustomizer strictJsonTypes() {
    return mapper ->
        mapper
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withCoercionConfig(
                LogicalType.Textual,
                text ->
                    refuse(
                        text,
                        CoercionInputShape.Integer,
                        CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
            .withCoercionConfig(
                LogicalType.Boolean,
                bool ->
                    refuse(
                        bool,
                        CoercionInputShape.Integer,
                        CoercionInputShape.Float,
                        CoercionInputShape.String,
                        CoercionInputShape.EmptyString))
            .withCoercionConfig(
                LogicalType.Integer,
                whole ->
                    refuse(
                        whole,
                        CoercionInputShape.Float,
                        CoercionInputShape.String,
                        CoercionInputShape.EmptyString))
            .withCoercionConfig(
                LogicalType.Float,
                fraction ->
                    refuse(fraction, CoercionInputShape.String, CoercionInputShape.EmptyString))
            .addModule(new WellFormedText());
  }

  private static void refuse(MutableCoercionConfig config, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      config.setCoercion(shape, CoercionAction.Fail);
    }
  }
}

package io.outrun.api.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A connection from one node's output to another's input. {@code sourceHandle} names a branch
 * ({@code "true"} or {@code "false"} after a condition).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Edge(
    @Field("id") String id,
    @NotBlank String source,
    @NotBlank String target,
    String sourceHandle,
    String targetHandle) {}

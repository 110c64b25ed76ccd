package com.goafwatch.system;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The error responses of every operation of both OpenAPI documents, as RFC 9457 problems with one shared schema. Which
 * statuses an operation answers follows from what stands in front of every handler: the URL is parsed (400), the
 * caller authenticated against PostGIS (401, or 503 when it is down) and authorised by role and project (403), the
 * request budget applied (429); a path variable may name nothing (404), a fixed list of produced types may not
 * match Accept (406). Error responses an operation declares itself keep their description and get the problem content.
 * Global, so that it applies to {@code /v3/api-docs} and to both groups ({@code goafwatch}, {@code ogc}) alike.
 */
final class OpenApiProblems implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("400", "Bad request: a malformed URL (e.g. a bad percent-escape) or an invalid parameter, named in the problem");
        DESCRIPTIONS.put("401", "No or wrong credentials: HTTP Basic, or Bearer with an API token or a JWT");
        DESCRIPTIONS.put("403", "The caller's role or projects do not allow this");
        DESCRIPTIONS.put("404", "No such resource (another project's answers the same)");
        DESCRIPTIONS.put("406", "None of the media types this operation produces is acceptable (Accept)");
        DESCRIPTIONS.put("429", "Over the request budget (goafwatch.limits.requests-per-minute); Retry-After says when to retry");
        DESCRIPTIONS.put("503", "PostGIS (data, users and tokens) is not reachable; Retry-After says when to retry");
    }

    /** RFC 9457 members this service fills; extension members (parameter, errors, retryAfterSeconds…) may follow. */
    static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").description("the problem type, under " + ApiException.TYPE_BASE))
                .addProperty("title", new StringSchema().description("short summary of the problem type"))
                .addProperty("status", new IntegerSchema().description("the HTTP status code"))
                .addProperty("detail", new StringSchema().nullable(true).description("what went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri-reference").nullable(true)
                        .description("the request the problem occurred in"))
                .required(List.of("type", "title", "status"));
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }

    /** The shared schema the error responses refer to. */
    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        for (String status : DESCRIPTIONS.keySet()) {
            if (answers(status, handler)) {
                responses.computeIfAbsent(status, s -> new ApiResponse().description(DESCRIPTIONS.get(s)));
            }
        }
        responses.forEach((status, response) -> {
            if (isError(status)) {
                response.setContent(problemContent());
            }
        });
        return operation;
    }

    private static boolean answers(String status, HandlerMethod handler) {
        return switch (status) {
            case "404" -> Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
            case "406" -> producesOnlyFixedTypes(handler);
            default -> true;
        };
    }

    /** With a fixed produces list Spring answers 406 to an Accept none matches; with * / * among them it never does. */
    private static boolean producesOnlyFixedTypes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && mapping.produces().length > 0 && Arrays.stream(mapping.produces()).noneMatch(p -> p.startsWith("*/*"));
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }
}

package br.agendador.platform.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives every problem+json response of the document one schema, {@code Problem}: the RFC 9457
 * members plus the stable {@code code} and {@code arguments} every error carries, and
 * {@code errors[]} for invalid input, whose entries carry their own code. Declared once here
 * rather than on each of the controllers' error responses, which only give examples.
 */
@Component
class ProblemSchema implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public void customise(OpenAPI document) {
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        document.setComponents(components);
        components.addSchemas(FIELD_PROBLEM, fieldProblem());
        components.addSchemas(PROBLEM, problem());
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((route, path) -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            documentUsualProblems(route, operation);
            operation.getResponses().values().forEach(response -> {
                if (response.getContent() == null) {
                    return;
                }
                MediaType problem = response.getContent().get(PROBLEM_JSON);
                if (problem != null && problem.getSchema() == null) {
                    problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
                }
            });
        }));
    }

    /**
     * The 4xx answers every operation of its kind can give, where the controller did not describe
     * them itself: 400 for anything that takes input, 401 without a valid access token, 403 for
     * the admin API, 404 for a resource named in the path.
     */
    private static void documentUsualProblems(String route, Operation operation) {
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        if (takesInput) {
            addProblem(operation, "400", "Invalid input: `errors` names each field and why");
        }
        if (secured) {
            addProblem(operation, "401", "No access token, or an invalid or expired one");
        }
        if (route.startsWith("/api/v1/admin/")) {
            addProblem(operation, "403", "Only administrators may do this");
        }
        if (route.contains("{")) {
            addProblem(operation, "404", "Nothing of yours at this path");
        }
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("An RFC 9457 problem. `code` names the kind of problem and never changes wording;"
                        + " `detail` is its English sentence, made of `arguments`. The web pages and e-mails"
                        + " translate by code.")
                .properties(Map.of(
                        "type", new StringSchema().format("uri").example("https://agendador.br/problems/validation"),
                        "title", new StringSchema().example("Invalid request"),
                        "status", new IntegerSchema().example(400),
                        "detail", new StringSchema().example("cnpj: check digits do not match: expected 81, got 00"),
                        "instance", new StringSchema().format("uri-reference").example("/api/v1/jobs"),
                        "code", new StringSchema().description("Stable code of the problem, e.g. `job.notFound`,"
                                + " `request.invalid` (invalid input: see `errors`), `auth.tooManyAttempts`")
                                .example("request.invalid"),
                        "arguments", new ArraySchema().items(new StringSchema())
                                .description("The values the detail was made of, in order"),
                        "errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM))
                                .description("For invalid input: one entry per problem, naming its field")))
                .required(List.of("title", "status", "detail", "code"));
    }

    private static Schema<?> fieldProblem() {
        return new ObjectSchema()
                .description("One invalid input")
                .properties(Map.of(
                        "field", new StringSchema().description("JSON path, header or parameter name").example("cnpj"),
                        "code", new StringSchema().description("Stable code, e.g. `cnpj.checkDigits`,"
                                + " `job.priority.range`, `request.constraint.NotBlank`").example("cnpj.checkDigits"),
                        "message", new StringSchema().example("check digits do not match: expected 81, got 00"),
                        "arguments", new ArraySchema().items(new StringSchema()).example(List.of("81", "00"))))
                .required(List.of("field", "code", "message", "arguments"));
    }
}

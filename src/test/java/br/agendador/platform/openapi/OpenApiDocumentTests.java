package br.agendador.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import br.agendador.support.Api;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The published contract says what every error looks like, codes included. */
@IntegrationTest
class OpenApiDocumentTests {

    @Autowired
    Api api;

    @Test
    void everyProblemResponseHasTheProblemSchemaWithItsCodes() {
        JsonNode document = api.get("/v3/api-docs", null).json();
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(names(schemas.get("Problem").get("properties")))
                .contains("type", "title", "status", "detail", "instance", "code", "arguments", "errors");
        assertThat(schemas.get("Problem").get("properties").get("errors").get("items").get("$ref").asString())
                .isEqualTo("#/components/schemas/FieldProblem");
        assertThat(names(schemas.get("FieldProblem").get("properties"))).contains("field", "code", "message", "arguments");

        List<String> problemResponses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().get("responses").properties()) {
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    if (!problem.isMissingNode()) {
                        String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
                        problemResponses.add(where);
                        assertThat(problem.path("schema").path("$ref").asString()).as(where)
                                .isEqualTo("#/components/schemas/Problem");
                        if (problem.has("example")) {
                            assertThat(problem.get("example").has("code")).as("example of %s has a code", where).isTrue();
                        }
                    }
                }
            }
        }
        assertThat(problemResponses).hasSizeGreaterThan(10).contains("post /api/v1/jobs 400");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
    @Test
    void theDocumentIsValidOpenApi() {
        var result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(api.get("/v3/api-docs", null).body(),
                null, null);
        assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThan(15);
    }

    @Test
    void everyResponseSaysItsRealMediaTypeAndEveryOperationItsProblems() {
        JsonNode document = api.get("/v3/api-docs", null).json();
        List<String> operations = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String where = method.getKey() + " " + path.getKey();
            operations.add(where);
            JsonNode operation = method.getValue();
            operation.path("parameters").forEach(parameter -> assertThat(parameter.get("name").asString())
                    .as("%s documents the signed-in user as a parameter", where).isNotEqualTo("user"));
            boolean problems = false;
            for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
                response.getValue().path("content").properties().forEach(type -> assertThat(type.getKey())
                        .as("media type of %s %s", where, response.getKey()).isNotEqualTo("*/*"));
                if (response.getKey().startsWith("4")) {
                    problems = true;
                    assertThat(response.getValue().path("content").path("application/problem+json").path("schema")
                            .path("$ref").asString()).as("%s %s", where, response.getKey())
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
            assertThat(problems).as("%s documents its 4xx answers", where).isTrue();
            if (!operation.has("security") || !operation.get("security").isEmpty()) {
                assertThat(operation.get("responses").has("401")).as("%s says 401", where).isTrue();
            }
        }));
        assertThat(operations).hasSizeGreaterThan(20);
        JsonNode bulk = document.at("/paths/~1api~1v1~1jobs~1bulk/post/requestBody/content");
        assertThat(bulk.has("text/csv")).isTrue();
        assertThat(bulk.has("application/json")).isTrue();
    }

    /** The request examples, sent as they are by a new user, get the status the document promises. */
    @Test
    void everyDocumentedRequestExampleWorksAsDocumented() {
        JsonNode document = api.get("/v3/api-docs", null).json();
        Api.Session user = api.newUser();
        int sent = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode content = method.getValue().path("requestBody").path("content");
                for (Map.Entry<String, JsonNode> type : content.properties()) {
                    for (Map.Entry<String, JsonNode> example : type.getValue().path("examples").properties()) {
                        JsonNode value = example.getValue().get("value");
                        String body = value.isString() ? value.asString() : value.toString();
                        String route = path.getKey();
                        if (route.contains("{id}")) {
                            long job = api.post("/api/v1/jobs", Map.of("cnpj", "11.444.777/0001-61",
                                    "scheduledAt", "2099-01-01T00:00:00Z"), user.accessToken()).json().get("id").asLong();
                            route = route.replace("{id}", String.valueOf(job));
                        }
                        Api.Response response = api.send(method.getKey().toUpperCase(java.util.Locale.ROOT), route, body,
                                type.getKey(), user.accessToken(), Map.of());
                        String where = method.getKey() + " " + path.getKey() + " example " + example.getKey();
                        JsonNode responses = method.getValue().get("responses");
                        assertThat(responses.has(String.valueOf(response.status())))
                                .as("%s answered %s, which the document does not list", where, response).isTrue();
                        assertThat(response.status()).as("%s: %s", where, response).isBetween(200, 299);
                        // a second run of the same example must not find the first one's job in the way
                        api.get("/api/v1/jobs?size=100", user.accessToken()).json().get("content").forEach(job ->
                                api.delete("/api/v1/jobs/" + job.get("id").asLong(), user.accessToken()));
                        sent++;
                    }
                }
            }
        }
        assertThat(sent).as("request examples sent").isGreaterThanOrEqualTo(6);
    }
}

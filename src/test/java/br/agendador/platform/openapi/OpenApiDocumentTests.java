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
}

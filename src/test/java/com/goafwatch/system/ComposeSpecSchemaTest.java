package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * No Docker engine runs here, so {@code docker compose config} cannot judge docker-compose.yml; the Compose
 * Specification's own JSON schema (test resource, from compose-spec/compose-spec, unchanged) can. Debian's
 * docker-compose 1.29 would refuse the top-level {@code name} that today's Compose accepts, so it is not used.
 * {@link DockerComposeTest} checks what the schema cannot: that the file fits this service.
 */
class ComposeSpecSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Schema composeSpec;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ComposeSpecSchemaTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            // its "$schema" names draft-07 by an https address the validator would try to fetch; draft-07 is built in
            assertThat(schema.remove("$schema").asString()).contains("draft-07");
            // its "$id" is relative ("compose_spec.json"): give it the resource's place as base (its $refs are all internal)
            composeSpec = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"), schema);
        }
    }

    /**
     * Compose resolves YAML merge keys ({@code <<: *app}) before it validates, and so does SnakeYAML here
     * (Jackson's YAML reader keeps {@code <<} as a property the schema then refuses).
     */
    private static List<Error> validate(String composeYaml) {
        Object document = new Yaml().load(composeYaml);
        return composeSpec.validate(JSON.valueToTree(document));
    }

    @Test
    void dockerComposeYmlIsValidComposeSpecification() throws IOException {
        List<Error> errors = validate(Files.readString(Path.of("docker-compose.yml")));
        assertThat(errors).as("schema errors in docker-compose.yml").isEmpty();
    }

    @Test
    void theSchemaRefusesWhatComposeWouldRefuse() throws IOException {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        // a misspelt service key and a dependency condition Compose does not know, each where a real one stands
        assertThat(compose).contains("    healthcheck:\n").contains("condition: service_healthy");
        String misspelt = compose.replaceFirst("    healthcheck:\n", "    healthchek:\n");
        String badCondition = compose.replaceFirst("condition: service_healthy", "condition: service_ready");
        assertThat(validate(misspelt)).extracting(Error::getMessage).anyMatch(m -> m.contains("healthchek"));
        assertThat(validate(badCondition)).extracting(e -> e.getInstanceLocation().toString())
                .anyMatch(where -> where.endsWith("/condition"));
    }
}

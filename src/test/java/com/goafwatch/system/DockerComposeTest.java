package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked structurally: the three
 * services, health checks, named volumes, and app environment keys that bind to real configuration
 * keys and point at the other services' ports and database.
 */
class DockerComposeTest {

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static Set<String> configKeys;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader r = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(r);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        configKeys = new HashSet<>();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.yml"))) {
            flatten("", new Yaml().load(r), configKeys);
        }
    }

    @Test
    void hasPostgisInfluxAndAppWithHealthChecks() {
        assertThat(services).containsOnlyKeys("postgis", "influxdb", "app");
        assertThat((String) services.get("postgis").get("image")).startsWith("postgis/postgis:");
        assertThat((String) services.get("influxdb").get("image")).matches("influxdb:(1\\.11|2\\.7)(\\..*)?");
        assertThat(services.get("app")).containsKey("build");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        assertThat(Files.exists(Path.of("Dockerfile"))).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void appWaitsForHealthyDatabases() {
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get("app").get("depends_on");
        assertThat(dependsOn).containsOnlyKeys("postgis", "influxdb");
        dependsOn.values().forEach(d -> assertThat(d.get("condition")).isEqualTo("service_healthy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dataLivesInNamedVolumes() {
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        for (Map<String, Object> service : services.values()) {
            for (String mount : (List<String>) service.getOrDefault("volumes", List.of())) {
                assertThat(declared).contains(mount.substring(0, mount.indexOf(':')));
            }
        }
        assertThat(declared).contains("postgis-data", "influxdb-data");
    }

    @Test
    void appEnvironmentBindsToRealConfigurationKeys() {
        Map<String, String> env = environment("app");
        for (String key : env.keySet()) {
            String relaxed = key.replace("_", "").toLowerCase(Locale.ROOT);
            assertThat(configKeys).as("env %s binds to a key of application.yml", key).contains(relaxed);
        }
        assertThat(env).containsKeys("SPRING_DATASOURCE_URL", "GOAFWATCH_INFLUX_URL", "GOAFWATCH_INFLUX_DATABASE");
    }

    @Test
    void appPointsAtTheOtherServicesPortsAndDatabase() {
        Map<String, String> env = environment("app");
        URI influx = URI.create(env.get("GOAFWATCH_INFLUX_URL"));
        assertThat(influx.getHost()).isEqualTo("influxdb");
        assertThat(containerPorts("influxdb")).contains(String.valueOf(influx.getPort()));
        assertThat(env.get("GOAFWATCH_INFLUX_DATABASE")).isEqualTo(environment("influxdb").get("INFLUXDB_DB"));

        URI jdbc = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
        assertThat(jdbc.getHost()).isEqualTo("postgis");
        assertThat(containerPorts("postgis")).contains(String.valueOf(jdbc.getPort()));
        assertThat(jdbc.getPath()).isEqualTo("/" + environment("postgis").get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(environment("postgis").get("POSTGRES_USER"));
        assertThat(containerPorts("app")).contains("8080");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        return (Map<String, String>) services.get(service).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static List<String> containerPorts(String service) {
        return ((List<String>) services.get(service).get("ports")).stream().map(p -> p.substring(p.lastIndexOf(':') + 1)).toList();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix + k + ".", v, keys));
        } else {
            keys.add(prefix.replace(".", "").replace("-", "").toLowerCase(Locale.ROOT));
        }
    }
}

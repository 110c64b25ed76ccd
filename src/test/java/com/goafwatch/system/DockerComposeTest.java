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
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker engine), so they are checked
 * against what the service needs at run time: the services (two app replicas behind HAProxy), health checks
 * that fail when the service is DOWN, named volumes (each replica's spool its own, where the service really
 * writes it), app environment keys that bind to real configuration keys and point at the other services'
 * ports and database, HAProxy's committed config (checked by Debian's {@code haproxy -c}, health-checking
 * readiness, trusted by the replicas as their only proxy), and the run image's packages: each external program
 * the service runs and each report font file the report configuration names must come from a package the image
 * installs. Which package owns a file is asked of this machine's dpkg (the image is the same Debian 12), not
 * taken from the code. {@code HaClusterTest} runs the same HAProxy config for real in front of two instances.
 */
class DockerComposeTest {

    private static final List<String> APPS = List.of("app-a", "app-b");
    private static final Path HAPROXY_CFG = Path.of("deploy", "haproxy", "haproxy.cfg");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static Set<String> configKeys;
    private static DockerfileModel image;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException, ClassNotFoundException {
        try (Reader r = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(r);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        configKeys = new HashSet<>();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.yml"))) {
            flatten("", new Yaml().load(r), configKeys);
        }
        configKeys.addAll(ConfigurationKeys.relaxedKeys("com.goafwatch"));
        image = DockerfileModel.read(Path.of("Dockerfile"));
    }

    @Test
    void hasPostgisInfluxTwoAppReplicasAndHaproxyWithHealthChecks() {
        assertThat(services).containsOnlyKeys("postgis", "influxdb", "app-a", "app-b", "haproxy");
        assertThat((String) services.get("postgis").get("image")).startsWith("postgis/postgis:");
        assertThat((String) services.get("influxdb").get("image")).matches("influxdb:(1\\.11|2\\.7)(\\..*)?");
        APPS.forEach(app -> assertThat(services.get(app)).as(app).containsKey("build"));
        assertThat((String) services.get("haproxy").get("image")).as("the official image on Debian 12, as the tests' haproxy")
                .matches("haproxy:2\\.\\d+-bookworm");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        assertThat(Files.exists(Path.of("Dockerfile"))).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void appWaitsForHealthyDatabases() {
        for (String app : APPS) {
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get(app).get("depends_on");
            assertThat(dependsOn).containsOnlyKeys("postgis", "influxdb");
            dependsOn.values().forEach(d -> assertThat(d.get("condition")).isEqualTo("service_healthy"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReplicasDifferOnlyInTheirSpoolVolumes() {
        Map<String, Object> a = new java.util.HashMap<>(services.get("app-a"));
        Map<String, Object> b = new java.util.HashMap<>(services.get("app-b"));
        List<String> spoolA = (List<String>) a.remove("volumes");
        List<String> spoolB = (List<String>) b.remove("volumes");
        assertThat(a).as("same image, settings, checks").isEqualTo(b);
        assertThat(spoolA).hasSize(1);
        assertThat(spoolB).hasSize(1);
        assertThat(volumeName(spoolA.get(0))).as("each replica drains its own spool, never another's").isNotEqualTo(volumeName(spoolB.get(0)));
        assertThat(target(spoolA.get(0))).isEqualTo(target(spoolB.get(0)));
        assertThat(a).as("reached through HAProxy only").doesNotContainKey("ports");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dataLivesInNamedVolumes() {
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        for (Map<String, Object> service : services.values()) {
            for (String mount : (List<String>) service.getOrDefault("volumes", List.of())) {
                java.util.regex.Matcher operatorFolder = java.util.regex.Pattern.compile("^\\$\\{\\w+:-(\\./[^}]+)}:.*").matcher(mount);
                if (mount.startsWith("./")) { // a file of this repository, read-only
                    assertThat(Path.of(volumeName(mount))).isRegularFile();
                    assertThat(mount).endsWith(":ro");
                } else if (operatorFolder.matches()) { // the operator's folder (TLS), read-only; by default one in this repository
                    assertThat(Path.of(operatorFolder.group(1))).isDirectory();
                    assertThat(mount).endsWith(":ro");
                } else {
                    assertThat(declared).contains(volumeName(mount));
                }
            }
        }
        assertThat(declared).contains("postgis-data", "influxdb-data");
    }

    @Test
    void appEnvironmentBindsToRealConfigurationKeys() {
        Map<String, String> env = new java.util.LinkedHashMap<>(image.env());
        env.putAll(environment("app-a"));
        for (String key : env.keySet()) {
            String relaxed = key.replace("_", "").toLowerCase(Locale.ROOT);
            assertThat(configKeys).as("env %s binds to a key of application.yml or a @ConfigurationProperties record", key)
                    .contains(relaxed);
        }
        assertThat(env).containsKeys("SPRING_DATASOURCE_URL", "GOAFWATCH_INFLUX_URL", "GOAFWATCH_INFLUX_DATABASE");
        assertThat(configKeys).as("the check knows keys that only have a code default").contains("goafwatchreportfontregular")
                .doesNotContain("goafwatchreportfontitalic");
    }

    @Test
    void runImageIsDebian12WithAJava17Runtime() {
        assertThat(image.from()).as("the tests run on Debian 12: the image uses the same packages and paths").startsWith("debian:bookworm");
        assertThat(image.aptPackages()).contains("openjdk-17-jre-headless");
        assertThat(image.runs()).anySatisfy(r -> assertThat(r).contains("rm -rf /var/lib/apt/lists"));
        assertThat(image.user()).as("not root").isNotEqualTo("root");
        assertThat(image.copies()).anySatisfy(c -> assertThat(c).matches("--from=build \\S+goafwatch\\.jar \\S+"));
    }

    @Test
    void everyExternalProgramTheServiceRunsComesFromAnInstalledPackage() throws Exception {
        // the service shells out in one place only; a new one must be added to the list below
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            assertThat(sources.filter(f -> f.toString().endsWith(".java")).filter(DockerComposeTest::startsProcesses)
                    .map(f -> f.getFileName().toString())).containsExactly("OgrConverter.java");
        }
        for (String program : List.of("ogr2ogr")) {
            String owner = owningPackage(Path.of(which(program)).toRealPath().toString());
            assertThat(image.aptPackages()).as("%s comes from %s", program, owner).contains(owner);
        }
        assertThat(image.aptPackages()).contains("gdal-bin");
    }

    @Test
    void reportFontsAreInstalledWhereTheConfigurationExpectsThem() throws Exception {
        Map<String, String> defaults = ConfigurationKeys.defaults(com.goafwatch.report.ReportProperties.class);
        for (String key : List.of("fontRegular", "fontBold")) {
            String env = "GOAFWATCH_REPORT_" + key.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
            String configured = environment("app-a").getOrDefault(env, image.env().getOrDefault(env, defaults.get(key)));
            String file = configured.replaceFirst(",\\d+$", ""); // a collection names its face with ,index
            assertThat(Path.of(file)).as("%s = %s exists on this Debian 12 machine", key, configured).isRegularFile();
            String owner = owningPackage(file);
            assertThat(owner).isEqualTo("fonts-noto-cjk");
            assertThat(image.aptPackages()).as("the image installs %s, which provides %s", owner, file).contains(owner);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthChecksFailWhileTheServiceIsDownAndPassWhileDegraded() throws IOException {
        String dockerCheck = image.healthcheck();
        List<String> composeCheck = (List<String>) ((Map<String, Object>) services.get("app-a").get("healthcheck")).get("test");
        for (String check : List.of(dockerCheck, String.join(" ", composeCheck))) {
            assertThat(check).as("curl -f fails on HTTP >= 400").containsPattern("curl -f\\S*")
                    .contains("http://localhost:" + image.exposed().get(0) + "/actuator/health/readiness");
        }
        Map<String, Object> yml;
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.yml"))) {
            yml = new Yaml().load(r);
        }
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yml.get("management"))
                .get("endpoint")).get("health");
        Map<String, Object> mapping = (Map<String, Object>) ((Map<String, Object>) health.get("status")).get("http-mapping");
        assertThat((Integer) mapping.get("down")).isGreaterThanOrEqualTo(500);
        assertThat((Integer) mapping.get("out-of-service")).isGreaterThanOrEqualTo(500);
        assertThat(mapping.get("degraded")).isEqualTo(200);
        Map<String, Object> readiness = (Map<String, Object>) ((Map<String, Object>) health.get("group")).get("readiness");
        assertThat(String.valueOf(readiness.get("include"))).contains("postgis").doesNotContain("influx");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSpoolIsANamedVolumeWhereTheServiceWritesIt() throws IOException {
        String configured = environment("app-a").getOrDefault("GOAFWATCH_SPOOL_DIR", image.env().get("GOAFWATCH_SPOOL_DIR"));
        if (configured == null) {
            configured = (String) ((Map<String, Object>) ((Map<String, Object>) new Yaml().load(Files.readString(
                    Path.of("src/main/resources/application.yml")))).get("goafwatch")).entrySet().stream()
                    .filter(e -> e.getKey().equals("spool")).map(e -> ((Map<String, Object>) e.getValue()).get("dir")).findFirst()
                    .orElseThrow();
        }
        String spool = Path.of(image.workdir()).resolve(configured).normalize().toString();
        for (String app : APPS) {
            List<String> mounts = (List<String>) services.get(app).get("volumes");
            assertThat(mounts).as("%s: accepted data outlives the container", app).anySatisfy(m -> {
                assertThat(target(m)).isEqualTo(spool);
                assertThat(((Map<String, Object>) compose.get("volumes")).keySet()).contains(volumeName(m));
            });
        }
        assertThat(image.volumes()).contains(spool);
        assertThat(image.runs()).as("the unprivileged user can write the spool")
                .anySatisfy(r -> assertThat(r).contains("chown").contains(image.user()).contains(Path.of(spool).getParent().toString()));
    }

    @Test
    void theSampleSiteIsInTheImageWhereTheComposeFilePointsTheService() {
        String site = environment("app-a").get("GOAFWATCH_SAMPLE_SITE_PATH");
        assertThat(image.copies()).contains("gis-data /app/gis-data");
        assertThat(Path.of("gis-data").resolve(Path.of("/app/gis-data").relativize(Path.of(site))).resolve("site.json")).isRegularFile();
    }

    private static boolean startsProcesses(Path source) {
        try {
            return Files.readString(source).contains("new ProcessBuilder(");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String which(String program) throws Exception {
        return run("sh", "-c", "command -v " + program).strip();
    }

    /** The Debian package that installed {@code file}, by dpkg's own record. */
    private static String owningPackage(String file) throws Exception {
        String out = run("dpkg", "-S", file).strip();
        return out.substring(0, out.indexOf(':'));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void appPointsAtTheOtherServicesPortsAndDatabase() {
        Map<String, String> env = environment("app-a");
        URI influx = URI.create(env.get("GOAFWATCH_INFLUX_URL"));
        assertThat(influx.getHost()).isEqualTo("influxdb");
        assertThat(containerPorts("influxdb")).contains(String.valueOf(influx.getPort()));
        assertThat(env.get("GOAFWATCH_INFLUX_DATABASE")).isEqualTo(environment("influxdb").get("INFLUXDB_DB"));

        URI jdbc = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
        assertThat(jdbc.getHost()).isEqualTo("postgis");
        assertThat(containerPorts("postgis")).contains(String.valueOf(jdbc.getPort()));
        assertThat(jdbc.getPath()).isEqualTo("/" + environment("postgis").get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(environment("postgis").get("POSTGRES_USER"));
        assertThat(containerPorts("haproxy")).containsExactly("8080", "8443");
        assertThat(((List<String>) services.get("app-a").get("expose"))).containsExactly("8080");
    }

    /**
     * Debian's HAProxy (the version the tests run) accepts the committed file, with a throwaway certificate given the
     * way an operator may (GOAFWATCH_TLS_CERT); the replica names need not resolve here. Without any certificate it
     * refuses to start, naming the default path, which is where the compose file mounts the operator's folder.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCommittedHaproxyConfigIsValidWithACertificateAndRefusedWithout() throws Exception {
        Path cert = com.goafwatch.support.ThrowawayTls.create(Files.createTempDirectory("compose-tls")).pem();
        ProcessBuilder withCert = new ProcessBuilder(com.goafwatch.support.HaproxyCluster.HAPROXY, "-c", "-f", HAPROXY_CFG.toString())
                .redirectErrorStream(true);
        withCert.environment().put("GOAFWATCH_TLS_CERT", cert.toString());
        Process check = withCert.start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(out).isZero();
        assertThat(out).contains("Configuration file is valid");

        ProcessBuilder without = new ProcessBuilder(com.goafwatch.support.HaproxyCluster.HAPROXY, "-c", "-f", HAPROXY_CFG.toString())
                .redirectErrorStream(true);
        without.environment().remove("GOAFWATCH_TLS_CERT");
        Process refused = without.start();
        String why = new String(refused.getInputStream().readAllBytes());
        assertThat(refused.waitFor()).as(why).isNotZero();
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("unable to stat SSL certificate from file '([^']+)'").matcher(why);
        assertThat(path.find()).as(why).isTrue();
        List<String> mounts = (List<String>) services.get("haproxy").get("volumes");
        assertThat(mounts).as("the compose file mounts the operator's folder where the config looks")
                .anySatisfy(m -> { // source:target:ro, where the source may be ${VAR:-default}
                    String mount = m.replaceFirst(":ro$", "");
                    assertThat(mount.substring(mount.lastIndexOf(':') + 1)).isEqualTo(Path.of(path.group(1)).getParent().toString());
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void haproxyBalancesTheReplicasOnTheirReadinessAndIsTheirOnlyTrustedProxy() throws IOException {
        List<String> cfg = Files.readAllLines(HAPROXY_CFG).stream().map(String::strip).filter(l -> !l.startsWith("#")).toList();
        String readiness = ((List<String>) ((Map<String, Object>) services.get("app-a").get("healthcheck")).get("test")).get(1)
                .replaceAll(".*http://localhost:\\d+(\\S+).*", "$1");
        assertThat(readiness).isEqualTo("/actuator/health/readiness");
        assertThat(cfg).contains("option httpchk GET " + readiness, "http-check expect status 200", "option forwardfor", "option redispatch",
                "balance roundrobin", "bind *:" + containerPorts("haproxy").get(0));
        assertThat(cfg).anySatisfy(l -> assertThat(l).startsWith("bind *:" + containerPorts("haproxy").get(1) + " ssl crt "));
        assertThat(cfg).as("retries after a refused connection").anySatisfy(l -> assertThat(l).matches("retries [1-9]"));
        assertThat(cfg).anySatisfy(l -> assertThat(l).startsWith("default-server check "));
        String appPort = ((List<String>) services.get("app-a").get("expose")).get(0);
        assertThat(cfg.stream().filter(l -> l.startsWith("server "))).as("one server per replica, at its port")
                .containsExactly("server app-a app-a:" + appPort, "server app-b app-b:" + appPort);
        List<String> mounts = (List<String>) services.get("haproxy").get("volumes");
        assertThat(mounts).contains("./" + HAPROXY_CFG + ":/usr/local/etc/haproxy/haproxy.cfg:ro"); // the image's default config path

        String proxy = (String) ((Map<String, Object>) ((Map<String, Object>) services.get("haproxy").get("networks")).get("default"))
                .get("ipv4_address");
        String subnet = (String) ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) compose
                .get("networks")).get("default")).get("ipam")).get("config")).get(0).get("subnet");
        assertThat(proxy).startsWith(subnet.substring(0, subnet.lastIndexOf('.') + 1));
        for (String app : APPS) {
            java.util.regex.Pattern trusted = java.util.regex.Pattern.compile(environment(app).get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"));
            assertThat(trusted.matcher(proxy).matches()).as("%s trusts HAProxy", app).isTrue();
            for (String other : List.of(proxy + "0", proxy.replaceFirst("\\d+$", "11"), proxy.replace('.', 'x'), "127.0.0.1")) {
                assertThat(trusted.matcher(other).matches()).as("%s does not trust %s", app, other).isFalse();
            }
        }
    }

    private static String volumeName(String mount) {
        return mount.substring(0, mount.indexOf(':'));
    }

    private static String target(String mount) {
        String rest = mount.substring(mount.indexOf(':') + 1);
        return rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
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

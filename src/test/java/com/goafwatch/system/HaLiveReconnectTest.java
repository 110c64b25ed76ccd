package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.HeadlessChromium;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.Poll;
import com.goafwatch.support.ServiceProcess;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.goafwatch.support.TestUsers;
import com.jayway.jsonpath.JsonPath;

/**
 * The real map page in headless Chromium, over HTTPS through the committed HAProxy config in front of two service
 * processes, while the replica holding its event stream ({@code …/live}) is killed with SIGKILL. The page's own
 * EventSource is observed, not replaced: a script Chromium runs before the page's (DevTools) records each stream's
 * open, error and events, and each fetch the page makes.
 */
class HaLiveReconnectTest {

    private static final Duration DEADLINE = Duration.ofSeconds(300);
    private static final String INFLUX_DB = "halive";
    /** Wraps (does not replace) EventSource and fetch, so that the test can read what the page's own stream did. */
    private static final String RECORDER = """
            window.liveLog = [];
            (() => {
              const log = s => window.liveLog.push(s);
              const Native = window.EventSource;
              window.EventSource = class extends Native {
                constructor(url, init) {
                  super(url, init);
                  log('new');
                  this.addEventListener('open', () => log('open'));
                  this.addEventListener('error', () => log(this.readyState === Native.CLOSED ? 'closed' : 'error'));
                  this.addEventListener('layers', () => log('layers'));
                  this.addEventListener('data', () => log('data'));
                }
              };
              const nativeFetch = window.fetch;
              window.fetch = (input, init) => {
                log('fetch ' + (typeof input === 'string' ? input : input.url));
                return nativeFetch(input, init);
              };
            })();""";

    private static HaproxyCluster cluster;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startCluster() {
        String database = TestPostgres.createDatabase("halive");
        cluster = HaproxyCluster.start(database, "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=" + INFLUX_DB, "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
        jdbc = JdbcClient.create(new DriverManagerDataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), ""));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The page's stream is on replica X. The other replica, Y, is put in maintenance on HAProxy's admin socket and X is
     * killed: the browser's reconnect gets HAProxy's 503, on which an EventSource gives up for good. A batch is
     * ingested through Y directly during this gap. Y is made ready again: the page opens a new stream by itself,
     * through HAProxy to Y, and redraws the cables (fetching their profiles, which hold the gap's batch). The gap's
     * data event is not replayed (the stream has no event ids): the only data event on the new stream is that of a
     * batch ingested afterwards through HAProxy.
     */
    @Test
    void theMapPageHearsOfNewDataAfterItsReplicaIsKilledAndCatchesUpOnTheGap() {
        HttpApi api = cluster.api();
        EvaluationSite site = new EvaluationSite(api, new Fixtures(api), jdbc, "HALIVE");
        site.cable();
        long cable = ((Number) api.get("/api/v1/projects/" + site.projectId + "/cables").json("$.features[0].id")).longValue();
        try (HeadlessChromium chromium = HeadlessChromium.start(false, "--ignore-certificate-errors-spki-list=" + cluster.tls().spkiSha256())) {
            ChromeDriver browser = (ChromeDriver) chromium.browser();
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
            signIn(browser, cluster.baseUrl() + "/?project=" + site.projectId);
            Poll.until("the page's stream open", DEADLINE, 100, () -> log(browser).contains("open"));
            ServiceProcess[] holding = new ServiceProcess[1];
            Poll.until("the stream is the only request HAProxy has open", DEADLINE, 100, () -> {
                var open = cluster.activeRequests().entrySet().stream().filter(e -> e.getValue() > 0).toList();
                boolean one = open.size() == 1 && open.get(0).getValue() == 1;
                holding[0] = one ? cluster.instance(open.get(0).getKey()) : null;
                return one;
            });
            ServiceProcess victim = holding[0];
            ServiceProcess survivor = cluster.other(victim);

            cluster.admin("set server goafwatch/" + survivor.name() + " state maint");
            try {
                victim.kill();
                Poll.until("the browser gave up on HAProxy's 503 (log: " + log(browser) + ")", DEADLINE, 100,
                        () -> log(browser).contains("closed"));
                Instant gap = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                var ingested = survivor.api().postBytes("/api/v1/projects/" + site.projectId + "/ingest/line-protocol?precision=ns",
                        "text/plain", site.trace(gap, 100, 500).getBytes(StandardCharsets.UTF_8));
                assertThat(ingested.status()).as(ingested.toString()).isEqualTo(202);
                Poll.until("the gap's batch in InfluxDB", DEADLINE, 200, () -> samplesAt(cable, gap) == 151);
                assertThat(log(browser)).as("no stream open during the gap").endsWith("closed");
            } finally {
                cluster.admin("set server goafwatch/" + survivor.name() + " state ready");
            }
            int reopenedFrom = log(browser).size();
            Poll.until("a new stream open", DEADLINE, 100, () -> after(browser, reopenedFrom).contains("open"));
            assertThat(after(browser, reopenedFrom)).as("a new EventSource, made by the page").startsWith("new");
            Poll.until("the cables redrawn after the new stream opened (log: " + log(browser) + ")", DEADLINE, 100, () -> {
                List<String> since = after(browser, reopenedFrom);
                return since.subList(since.indexOf("open"), since.size()).contains("fetch /api/v1/cables/" + cable + "/profile");
            });
            Poll.until("the new stream held by " + survivor.name(), DEADLINE, 100, () -> cluster.activeRequests().getOrDefault(survivor.name(), 0) == 1);

            var later = api.postBytes("/api/v1/projects/" + site.projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                    site.trace(Instant.now(), 100, 50).getBytes(StandardCharsets.UTF_8));
            assertThat(later.status()).as(later.toString()).isEqualTo(202);
            Poll.until("the later batch's data event on the new stream (log: " + log(browser) + ")", DEADLINE, 100,
                    () -> after(browser, reopenedFrom).contains("data"));
            assertThat(after(browser, reopenedFrom).stream().filter("data"::equals).count())
                    .as("one data event: the later batch's; the gap's is not replayed (log: %s)", log(browser)).isEqualTo(1);
            assertThat(after(browser, reopenedFrom)).as("the first event on the new stream: the layer versions").contains("layers");
            System.out.printf("HaLiveReconnectTest: stream on %s, killed; page log: %s%n", victim.name(), log(browser));
        }
    }

    private static void signIn(ChromeDriver browser, String url) {
        browser.get(url);
        Poll.until("the login page", DEADLINE, 100, () -> browser.getCurrentUrl().contains("/login"));
        browser.findElement(By.id("username")).sendKeys(TestUsers.ADMIN);
        browser.findElement(By.id("password")).sendKeys(TestUsers.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        Poll.until("the map page ready at " + browser.getCurrentUrl(), DEADLINE, 200, () -> {
            try {
                return "true".equals(((JavascriptExecutor) browser).executeScript("return document.body ? document.body.dataset.ready || '' : ''"));
            } catch (org.openqa.selenium.WebDriverException navigating) {
                return false;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> log(ChromeDriver browser) {
        return List.copyOf((List<String>) ((JavascriptExecutor) browser).executeScript("return window.liveLog || []"));
    }

    private static List<String> after(ChromeDriver browser, int from) {
        List<String> all = log(browser);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** Samples of the cable at one instant, counted by InfluxDB. */
    private static long samplesAt(long cable, Instant at) {
        String body = TestInflux.get().query(INFLUX_DB, "SELECT count(strain_ue) FROM fiber_strain WHERE cable = '" + cable + "' AND time = "
                + at.toEpochMilli() + "ms");
        if (!body.contains("\"series\"")) {
            return 0;
        }
        return ((Number) JsonPath.<List<Object>>read(body, "$.results[0].series[0].values[0]").get(1)).longValue();
    }
}

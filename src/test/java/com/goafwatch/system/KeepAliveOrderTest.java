package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.HaproxyIdleBound;
import com.goafwatch.support.IntegrationTest;

/**
 * The replica must never be the side that closes a kept-alive connection HAProxy holds: a request HAProxy sends on it
 * at that moment gets no answer, and an HTTP/2 client gets REFUSED_STREAM for a POST (HaHttp2Test). Compares the
 * committed haproxy.cfg with the running service's own Tomcat connector (its effective settings, not the YAML).
 */
class KeepAliveOrderTest extends IntegrationTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void theRunningReplicaWaitsLongerThanHaproxyKeepsAnIdleConnectionAndSetsNoRequestLimit() throws Exception {
        AbstractHttp11Protocol<?> http = (AbstractHttp11Protocol<?>) ((TomcatWebServer) context.getWebServer()).getTomcat()
                .getConnector().getProtocolHandler();
        HaproxyIdleBound haproxy = HaproxyIdleBound.of(Files.readString(HaproxyCluster.COMMITTED_CONFIG));
        assertThat(haproxy.purgeDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(haproxy.longestIdle()).isEqualTo(Duration.ofSeconds(85));
        assertThat(replicaMayCloseFirst(haproxy, http.getKeepAliveTimeout(), http.getMaxKeepAliveRequests()))
                .as("keepAliveTimeout %d ms, maxKeepAliveRequests %d against HAProxy's %s", http.getKeepAliveTimeout(),
                        http.getMaxKeepAliveRequests(), haproxy.longestIdle())
                .isNull();
    }

    /** The check can fail: Tomcat's defaults (60 s, 100 requests), or a longer purge delay, are caught. */
    @Test
    void tomcatsDefaultsOrALongerPurgeDelayWouldLetTheReplicaCloseFirst() throws Exception {
        String committed = Files.readString(HaproxyCluster.COMMITTED_CONFIG);
        HaproxyIdleBound haproxy = HaproxyIdleBound.of(committed);
        assertThat(replicaMayCloseFirst(haproxy, 60_000, 100)).contains("60000 ms");
        assertThat(replicaMayCloseFirst(haproxy, 300_000, 100)).contains("100 requests");
        HaproxyIdleBound slowPurge = HaproxyIdleBound.of(committed.replace("pool-purge-delay 5s", "pool-purge-delay 30s"));
        assertThat(slowPurge.longestIdle()).isEqualTo(Duration.ofSeconds(510));
        assertThat(replicaMayCloseFirst(slowPurge, 300_000, -1)).contains("300000 ms");
        // without the explicit setting HAProxy's default (5 s) applies
        assertThat(HaproxyIdleBound.of(committed.replace(" pool-purge-delay 5s", "")).purgeDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    /** Why the replica could close first, or null. */
    static String replicaMayCloseFirst(HaproxyIdleBound haproxy, long keepAliveTimeoutMillis, int maxKeepAliveRequests) {
        if (keepAliveTimeoutMillis >= 0 && keepAliveTimeoutMillis <= haproxy.longestIdle().toMillis()) {
            return "the replica closes an idle connection after " + keepAliveTimeoutMillis + " ms, HAProxy may keep it "
                    + haproxy.longestIdle().toMillis() + " ms";
        }
        if (maxKeepAliveRequests > 0) {
            return "the replica ends a connection after " + maxKeepAliveRequests + " requests";
        }
        return null;
    }
}

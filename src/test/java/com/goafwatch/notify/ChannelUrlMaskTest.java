package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * A webhook's or broker's credentials are not shown to the project's readers: a live audit read
 * {@code https://user:pass@hooks.example.com/h?apikey=SECRETKEY} in full as a viewer (only robot URLs were masked).
 * The password of the user information and every query value are masked for everyone; the masked URL sent back in an
 * edit keeps the stored one, which deliveries still use.
 */
class ChannelUrlMaskTest extends IntegrationTest {

    private long projectId;
    private HttpApi viewer;

    @BeforeEach
    void projectAndViewer() {
        projectId = fixtures().project(Fixtures.uniqueCode("MSK"));
        var t = api().postJson("/api/v1/admin/tokens", """
                {"name": "msk-%d", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(projectId, projectId));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        viewer = api().bearer(t.json("$.secret"));
    }

    private long channel(String json) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/notification-channels", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private String stored(long id) {
        return jdbc.sql("SELECT url FROM notification_channel WHERE id = ?").param(id).query(String.class).single();
    }

    @Test
    void aWebhooksPasswordAndQueryValuesAreMaskedForReaders() {
        String url = "https://ops:hunter2-pw@hooks.example.com/alerts/in?apikey=SECRETKEY-77&team=geo";
        long id = channel("""
                {"name": "wh", "kind": "webhook", "url": "%s", "minLevel": "blue"}""".formatted(url));
        for (HttpApi reader : new HttpApi[] {viewer, api()}) {
            var one = reader.get("/api/v1/notification-channels/" + id);
            assertThat(one.status()).as(one.toString()).isEqualTo(200);
            assertThat((String) one.json("$.url")).isEqualTo("https://ops:****@hooks.example.com/alerts/in?apikey=****&team=****");
            var list = reader.get("/api/v1/projects/" + projectId + "/notification-channels");
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            assertThat(list.body()).contains("hooks.example.com").doesNotContain("hunter2").doesNotContain("SECRETKEY");
        }
        assertThat(stored(id)).isEqualTo(url);

        // an edit that sends the masked URL back keeps the stored one
        var edit = api().putJson("/api/v1/notification-channels/" + id, """
                {"name": "wh renamed", "kind": "webhook", "url": "https://ops:****@hooks.example.com/alerts/in?apikey=****&team=****",
                 "minLevel": "yellow"}""");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(url);
        assertThat((String) edit.json("$.name")).isEqualTo("wh renamed");
    }

    @Test
    void aBrokersPasswordIsMasked() {
        long id = channel("""
                {"name": "mq", "kind": "mqtt", "url": "tcp://gateway:broker-pw-9@mqtt.example.com:1883", "topic": "goafwatch/alerts",
                 "minLevel": "blue"}""");
        var one = viewer.get("/api/v1/notification-channels/" + id);
        assertThat((String) one.json("$.url")).isEqualTo("tcp://gateway:****@mqtt.example.com:1883");
        assertThat(one.body()).doesNotContain("broker-pw-9");
    }
}

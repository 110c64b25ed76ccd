package com.goafwatch.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.IntegrationTest;

/** The one catalogue: served to the page in both languages, complete in both, and the page keeps no copy of its shared terms. */
class MessagesApiTest extends IntegrationTest {

    @Test
    void servesTheCatalogueInBothLanguages() {
        var zh = api().get("/api/v1/messages?lang=zh");
        assertThat(zh.status()).isEqualTo(200);
        assertThat((String) zh.json("$['level.red']")).isEqualTo("红色");
        assertThat((String) zh.json("$['status.monitoring']")).isEqualTo("监测中");
        assertThat((String) zh.json("$.meets")).isEqualTo("满足");
        assertThat((String) zh.json("$['unit.ue']")).isEqualTo("µε");
        assertThat((String) zh.json("$.core_strength")).isEqualTo("芯样抗压强度");
        var en = api().get("/api/v1/messages?lang=en");
        assertThat((String) en.json("$['level.red']")).isEqualTo("red");
        assertThat((String) en.json("$.does_not_meet")).isEqualTo("does not meet");
        var bad = api().get("/api/v1/messages?lang=fr");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat((String) bad.json("$.detail")).contains("lang", "fr");
    }

    @Test
    void everyKeyHasBothLanguages() throws Exception {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).hasSizeGreaterThan(200);
    }

    @Test
    void thePageKeepsNoHandWrittenCopyOfTheSharedTerms() throws Exception {
        String i18n = Files.readString(Path.of("src/main/resources/static/app/i18n.js"));
        assertThat(i18n).doesNotContainPattern("\\b(level|status|verdict|crit)_[a-z_]+:").contains("/api/v1/messages");
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = MessagesApiTest.class.getClassLoader().getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}

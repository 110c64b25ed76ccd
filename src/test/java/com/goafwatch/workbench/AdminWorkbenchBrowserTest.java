package com.goafwatch.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import com.goafwatch.support.BrowserSession;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestUsers;
import com.sun.net.httpserver.HttpServer;

/**
 * Administration in Chromium, as an admin: a user disabled in the table loses their open session; a user created with
 * a project grant gets a password shown once that signs in; a token's secret is shown once and works, and is gone after
 * the view is closed; a webhook channel's test message reaches a local receiver and its status is shown. Engineers and
 * viewers see no administration button.
 */
class AdminWorkbenchBrowserTest extends IntegrationTest {

    /** The local receiver answers 202, a status the service never makes up itself. */
    private static final int RECEIVER_STATUS = 202;
    /** Markup in free-text names: run as HTML it would leave a data-xss element and set window.__xss. */
    private static final String MARKUP = "<img src=x data-xss=1 onerror=window.__xss=1>";

    private HttpServer receiver;
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private long project;
    private String projectCode;
    private String victim;

    @BeforeEach
    void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Goafwatch-Event"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(RECEIVER_STATUS, -1);
            exchange.close();
        });
        receiver.start();
        projectCode = Fixtures.uniqueCode("WBADM");
        project = fixtures().project(projectCode);
        fixtures().phase(project, 1);
        victim = Fixtures.uniqueCode("wb-victim").toLowerCase();
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(victim, project,
                victim));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void engineerSeesNoAdministration() {
        try (Workbench page = new Workbench(port)) {
            page.signIn(victim, "pw-" + victim + "-long-enough");
            assertThat(page.browser.findElement(By.cssSelector("[data-view=admin]")).isDisplayed()).isFalse();
            assertThat(page.browser.findElement(By.cssSelector("[data-view=import]")).isDisplayed()).isTrue();
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void adminDisablesAUserCreatesOneWithAGrantMakesATokenAndTestsAChannel() {
        BrowserSession victimSession = new BrowserSession(port);
        assertThat(victimSession.signIn(victim, "pw-" + victim + "-long-enough")).isTrue();
        assertThat(victimSession.get("/api/v1/projects/" + project).statusCode()).isEqualTo(200);

        try (Workbench page = new Workbench(port)) {
            page.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
            new Select(page.find("#project")).selectByValue(String.valueOf(project));
            page.click("[data-view=admin]");
            page.wait.until(d -> "admin".equals(page.js("return document.getElementById('view-body').dataset.ready || ''")));
            page.awaitText("#admin-channels h3", projectCode);

            // disable the victim
            String row = "#admin-users tr[data-user='" + victim + "']";
            page.click(row + " .disabled");
            page.click(row + " .save-user");
            page.wait.until(d -> jdbc.sql("SELECT disabled FROM app_user WHERE username = ?").param(victim).query(Boolean.class).single());
            assertThat(victimSession.get("/api/v1/projects/" + project).statusCode()).as("the open session ends").isEqualTo(401);
            assertThat(new HttpApi(port).as(victim, "pw-" + victim + "-long-enough").get("/api/v1/projects").status()).isEqualTo(401);

            // a new user with a grant; the generated password is shown once and signs in
            String newcomer = Fixtures.uniqueCode("wb-new").toLowerCase();
            page.find("#admin-users form.new-user input[name=username]").sendKeys(newcomer);
            new Select(page.find("#admin-users form.new-user select[name=role]")).selectByValue("viewer");
            page.click("#admin-users form.new-user .grant[value='" + project + "']");
            page.click("#admin-users form.new-user button[type=submit]");
            String password = page.find("#admin-users .new-password code.secret").getText();
            assertThat(jdbc.sql("SELECT g.project_id FROM user_project_grant g JOIN app_user u ON u.id = g.user_id WHERE u.username = ?")
                    .param(newcomer).query(Long.class).list()).containsExactly(project);
            assertThat(jdbc.sql("SELECT role FROM app_user WHERE username = ?").param(newcomer).query(String.class).single()).isEqualTo("viewer");
            BrowserSession newcomerSession = new BrowserSession(port);
            assertThat(newcomerSession.signIn(newcomer, password)).isTrue();
            assertThat(newcomerSession.get("/api/v1/projects/" + project).statusCode()).isEqualTo(200);

            // a token: its secret once, working; gone after the view is closed
            String tokenName = Fixtures.uniqueCode("wb-token") + MARKUP;
            page.find("#admin-tokens form.new-token input[name=name]").sendKeys(tokenName);
            new Select(page.find("#admin-tokens form.new-token select[name=role]")).selectByValue("viewer");
            page.click("#admin-tokens form.new-token button[type=submit]");
            String secret = page.find("#admin-tokens .new-secret code.secret").getText();
            assertThat(secret).startsWith("gw_");
            assertThat(new HttpApi(port).bearer(secret).get("/api/v1/projects/" + project).status()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = ? AND project_id = ?").params(tokenName, project)
                    .query(Long.class).single()).isEqualTo(1);
            page.click("#view-close");
            page.click("[data-view=admin]");
            page.wait.until(d -> "admin".equals(page.js("return document.getElementById('view-body').dataset.ready || ''")));
            page.awaitText("#admin-tokens", tokenName);
            assertThat(page.browser.getPageSource()).as("the secret is never shown again").doesNotContain(secret);

            // a webhook channel and its test message
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            page.find("#admin-channels form.new-channel input[name=name]").sendKeys("site office " + MARKUP);
            page.find("#admin-channels form.new-channel input[name=url]").sendKeys(hook);
            page.click("#admin-channels form.new-channel button[type=submit]");
            page.awaitText("#admin-channels tr[data-channel]", "site office " + MARKUP);
            page.click("#admin-channels tr[data-channel] .send-test");
            page.awaitText("#admin-channels tr[data-channel] .test-answer", "HTTP " + RECEIVER_STATUS);
            assertThat(page.find("#admin-channels tr[data-channel] .test-answer .answer-ok").getText()).isEqualTo("Received");
            assertThat(received).hasSize(1);
            assertThat(received.get(0)[0]).isEqualTo("test");
            assertThat(received.get(0)[1]).contains("test message");
            assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery d JOIN notification_channel c ON c.id = d.channel_id "
                    + "WHERE c.project_id = ?").param(project).query(Long.class).single()).as("a test is not a delivery").isZero();

            assertThat(page.js("return window.__xss === undefined && document.querySelectorAll('[data-xss]').length === 0"))
                    .as("names shown as text, never markup").isEqualTo(true);
            page.language("预警");
            page.awaitText("#admin-channels .send-test", "发送测试消息");
            page.language("Alerts");
            assertThat(page.consoleErrors()).isEmpty();
        }
    }
}

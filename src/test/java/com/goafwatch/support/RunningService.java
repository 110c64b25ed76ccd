package com.goafwatch.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.goafwatch.GoafWatchApplication;

/**
 * The service started on its own (not the shared test context), for tests that need other settings or
 * must stop it: a random port, the test admin's password, no rate limit unless the arguments set one.
 */
public record RunningService(ConfigurableApplicationContext context, HttpApi api) implements AutoCloseable {

    public static RunningService start(String... args) {
        return start((java.time.Clock) null, args);
    }

    /** The service with a {@link java.time.Clock} bean (rate limits and the login throttle read it); null: the system clock. */
    public static RunningService start(java.time.Clock clock, String... args) {
        return start(clock == null ? c -> { } : c -> c.getBeanFactory().registerSingleton("testClock", clock), args);
    }

    /** The service with {@code initializer} run on its context before the beans are made (a clock bean, a bean post-processor). */
    public static RunningService start(org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext> initializer,
            String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.add(0, "--server.port=0");
        // no evaluation unless a test asks: other tests' projects share the database and drive their
        // evaluations with scripted times
        for (String quiet : new String[] {"--goafwatch.evaluation.interval=0", "--goafwatch.evaluation.on-ingest=false"}) {
            String key = quiet.substring(0, quiet.indexOf('=') + 1);
            if (list.stream().noneMatch(a -> a.startsWith(key))) {
                list.add(quiet);
            }
        }
        // each instance owns its spool folder (a second one on a locked folder does not start): a fresh one unless given
        if (list.stream().noneMatch(a -> a.startsWith("--goafwatch.spool.dir="))) {
            list.add("--goafwatch.spool.dir=" + TestDirs.fresh("running-spool"));
        }
        String[] all = list.toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(GoafWatchApplication.class);
        builder.initializers(initializer);
        builder.listeners(LoggingSetUpInTurn.listeners());
        ConfigurableApplicationContext context = builder.run(TestUsers.withContextArguments(all));
        return new RunningService(context, new HttpApi(((WebServerApplicationContext) context).getWebServer().getPort()));
    }

    /** Arguments pointing at the shared test database and InfluxDB. */
    public static String[] sharedServers(String... more) {
        String[] base = {"--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(), "--spring.datasource.username=" + TestPostgres.user(),
                "--goafwatch.influx.url=" + TestInflux.get().url()};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Override
    public void close() {
        context.close();
    }
}

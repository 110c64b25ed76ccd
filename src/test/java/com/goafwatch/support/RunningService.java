package com.goafwatch.support;

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
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GoafWatchApplication.class)
                .run(TestUsers.withContextArguments(all));
        return new RunningService(context, new HttpApi(((WebServerApplicationContext) context).getWebServer().getPort()));
    }

    /** Arguments pointing at the shared test database and InfluxDB. */
    public static String[] sharedServers(String... more) {
        String[] base = {"--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(), "--spring.datasource.username=" + TestPostgres.user(),
                "--goafwatch.influx.url=" + TestInflux.get().url()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Override
    public void close() {
        context.close();
    }
}

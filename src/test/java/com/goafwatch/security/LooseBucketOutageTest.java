package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestClock;
import com.goafwatch.system.LimitsProperties;

/**
 * The request limiter fails closed when its shared store goes away, also for a loosely shared bucket
 * ({@link LooseBuckets}) whose write-back parallel requests share: once the instance's own copy (the slack) is spent, every
 * request answers 503 with the problem, none gets through and none fails with an exception of its own (bucket4j hands a
 * write-back shared by several requests to each of them as a {@code BatchFailedException}); with PostgreSQL back, requests
 * are admitted again. PostgreSQL "goes away" behind a data source that refuses connections; the clock stands still, so
 * only the slack, never time, ends the local copy.
 */
class LooseBucketOutageTest extends IntegrationTest {

    private static final int THREADS = 8;

    @Autowired
    DataSource dataSource;
    @Autowired
    LimitsProperties limits;
    @Autowired
    ProblemWriter problems;

    @Test
    void onceItsCopyIsSpentEveryParallelRequestIsRefusedWith503AndAdmittedAgainAfterwards() throws Exception {
        Refusing db = new Refusing(dataSource);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", (Clock) new TestClock(Instant.parse("2027-06-01T00:00:00Z")));
        PostgresBucketStore store = new PostgresBucketStore(db, beans.getBeanProvider(Clock.class));
        // the deployed defaults (the test context may switch the limiter off): 1,200 a minute, 5 % slack = 60 requests
        LimitsProperties deployed = new LimitsProperties(limits.maxUploadSize(), limits.maxPageSize(), 1200, 5, limits.maxQuerySpan(),
                limits.maxUncompressedSize(), limits.maxReportSize());
        RateLimitFilter filter = new RateLimitFilter(deployed, problems, store);
        String address = "2001:db8::" + Long.toHexString(System.nanoTime() & 0xffffL) + ":" + Long.toHexString(System.nanoTime() >>> 16 & 0xffffL);
        long slack = 60;
        try {
            assertThat(send(filter, address).getStatus()).as("PostgreSQL up: admitted, the copy read from the shared row").isEqualTo(200);

            db.refusing.set(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<int[]>> results = new ArrayList<>();
            int perThread = (int) (slack / THREADS) + 10; // together more than the copy can admit
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit((Callable<int[]>) () -> {
                    int admitted = 0;
                    int refused = 0;
                    for (int i = 0; i < perThread; i++) {
                        MockHttpServletResponse r = send(filter, address);
                        // no order within a thread: a request that shared a failed write-back gets 503 while the
                        // copy may still admit a later one; the bound below is what holds
                        if (r.getStatus() == 200) {
                            admitted++;
                        } else {
                            assertThat(r.getStatus()).isEqualTo(503);
                            assertThat(r.getContentAsString()).contains("database-unavailable");
                            refused++;
                        }
                    }
                    return new int[] {admitted, refused};
                }));
            }
            int admitted = 0;
            int refused = 0;
            for (Future<int[]> f : results) {
                int[] r = f.get(5, TimeUnit.MINUTES); // an exception escaping the filter fails the test here
                admitted += r[0];
                refused += r[1];
            }
            pool.shutdown();
            assertThat(admitted).as("at most the copy's slack admitted while PostgreSQL is away").isLessThanOrEqualTo((int) slack);
            assertThat(refused).as("the rest refused").isEqualTo(THREADS * perThread - admitted);

            db.refusing.set(false);
            assertThat(send(filter, address).getStatus()).as("PostgreSQL back: admitted again").isEqualTo(200);
        } finally {
            db.refusing.set(false);
            store.destroy();
        }
    }

    private static MockHttpServletResponse send(RateLimitFilter filter, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/projects");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        return response;
    }

    /** The application's data source, refusing every new connection while {@code refusing} is set. */
    private static final class Refusing implements DataSource {

        final AtomicBoolean refusing = new AtomicBoolean();
        private final DataSource delegate;

        Refusing(DataSource delegate) {
            this.delegate = delegate;
        }

        private void check() throws SQLException {
            if (refusing.get()) {
                throw new SQLException("connection refused (test: PostgreSQL away)", "08001");
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            check();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            check();
            return delegate.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("test");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}

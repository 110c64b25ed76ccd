package com.goafwatch.support;

import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Spring Boot sets Logback up for the whole JVM while each application starts (from its starting event until its
 * environment is prepared). Two services started at once in one test JVM ({@code ConcurrentStartTest}) can interleave
 * that set-up and fail with "Unable to find Spring Environment in logger context" (seen once in a suite run). This
 * takes that part of their starts in turn; the rest of each start (the bootstrap that test is about) stays concurrent.
 */
final class LoggingSetUpInTurn {

    private static final ReentrantLock TURN = new ReentrantLock();

    private LoggingSetUpInTurn() {
    }

    static ApplicationListener<?>[] listeners() {
        return new ApplicationListener<?>[] {new Take(), new Give()};
    }

    /** Just before Boot's logging listener sees the start. */
    private static final class Take implements ApplicationListener<ApplicationStartingEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationStartingEvent event) {
            TURN.lock();
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1;
        }
    }

    /** Just after Boot's logging listener has set Logback up, or when the start failed before that. */
    private static final class Give implements ApplicationListener<ApplicationEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if ((event instanceof ApplicationEnvironmentPreparedEvent || event instanceof ApplicationFailedEvent)
                    && TURN.isHeldByCurrentThread()) {
                TURN.unlock();
            }
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }
}

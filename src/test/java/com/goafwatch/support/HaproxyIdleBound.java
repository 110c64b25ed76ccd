package com.goafwatch.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long HAProxy 2.6 may keep an unused kept-alive connection to a server, read from a config file. HAProxy has no
 * idle timeout for server connections ({@code timeout server} does not close them: checked by hand with a 4 s
 * {@code timeout server} and a 1 h {@code pool-purge-delay}, the connection stayed open); only the purge task closes
 * them: every {@code pool-purge-delay} (default 5 s) it closes half (rounded up) of the idle connections beyond its
 * estimate of the need, and the estimate falls by half of its distance to the last period's peak
 * ({@code srv_cleanup_idle_conns} in HAProxy 2.6's {@code src/server.c}). Replaying that arithmetic for the worst case,
 * every connection the global {@code maxconn} allows used at once and then none, gives the number of periods until
 * the last one is closed: 3 for one connection (15 s, also measured with the default delay), 17 for 4,096.
 */
public record HaproxyIdleBound(Duration purgeDelay, int maxconn) {

    private static final Duration DEFAULT_PURGE_DELAY = Duration.ofSeconds(5);
    /** HAProxy's global maxconn when the file sets none is derived from the file-descriptor limit; we require it set. */
    private static final Pattern MAXCONN = Pattern.compile("(?ms)^global\\b.*?^\\s+maxconn\\s+(\\d+)");
    private static final Pattern PURGE = Pattern.compile("(?m)^\\s*(?:default-)?server\\b.*\\bpool-purge-delay\\s+(\\S+)");

    public static HaproxyIdleBound of(String config) {
        Matcher m = MAXCONN.matcher(config);
        if (!m.find()) {
            throw new IllegalArgumentException("the config sets no global maxconn");
        }
        Matcher p = PURGE.matcher(config);
        Duration purge = null; // the longest any server line has; HAProxy's default when none sets it
        while (p.find()) {
            Duration d = haproxyTime(p.group(1));
            purge = purge == null || d.compareTo(purge) > 0 ? d : purge;
        }
        return new HaproxyIdleBound(purge == null ? DEFAULT_PURGE_DELAY : purge, Integer.parseInt(m.group(1)));
    }

    /** The longest an unused connection to a server can stay open on HAProxy's side. */
    public Duration longestIdle() {
        return purgeDelay.multipliedBy(purgePeriods(maxconn));
    }

    /** Purge periods until the last of {@code peak} connections, all used once and then idle, is closed. */
    static int purgePeriods(int peak) {
        int estimate = peak;
        int maxUsed = peak;
        int idle = peak;
        int periods = 0;
        while (idle > 0) {
            periods++;
            int exceed = idle - Math.max(maxUsed, estimate);
            exceed = exceed > 0 ? exceed / 2 + (exceed & 1) : exceed;
            estimate = Math.max(maxUsed, (estimate + maxUsed) / 2);
            maxUsed = 0;
            if (exceed > 0) {
                idle -= Math.min(idle, exceed);
            }
        }
        return periods;
    }

    /** HAProxy's time format: a number with an optional unit (us, ms, s, m, h, d); milliseconds without one. */
    static Duration haproxyTime(String value) {
        Matcher m = Pattern.compile("(\\d+)(us|ms|s|m|h|d)?").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an HAProxy time: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}

package com.goafwatch.notify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param poll         how often the dispatcher looks for due deliveries when nothing woke it
 * @param firstRetry   wait after the first failed attempt; doubles per attempt up to {@code maxRetry}
 * @param timeout      connect and response timeout per attempt
 * @param allowedHosts intranet receivers notifications may reach although they resolve to loopback, private or link-local
 *                     addresses: host names (exact) or address blocks ({@code 10.20.0.0/16}, {@code 192.168.1.7}); the
 *                     service's own databases stay refused ({@link DeliveryAddressGuard})
 */
@ConfigurationProperties("goafwatch.notify")
public record NotifyProperties(@DefaultValue("2s") Duration poll, @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry, @DefaultValue("10s") Duration timeout, @DefaultValue("50") int batchSize,
        @DefaultValue List<String> allowedHosts) {
}

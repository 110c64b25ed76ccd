package com.goafwatch.notify;

import java.net.URI;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of DingTalk, WeCom and Feishu cards.
 *
 * @param publicBaseUrl where people reach this service (e.g. {@code https://goafwatch.example.cn}); cards link to
 *                      {@code <publicBaseUrl>/?project=<id>&parcel=<id>}, the parcel on the web map. Unset: no link.
 * @param siteZone      zone of the times shown on cards (site time)
 */
@ConfigurationProperties("goafwatch.notify.messenger")
public record MessengerProperties(URI publicBaseUrl, @DefaultValue("Asia/Shanghai") ZoneId siteZone) {
}

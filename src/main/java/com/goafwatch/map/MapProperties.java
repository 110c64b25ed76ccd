package com.goafwatch.map;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web map's settings.
 *
 * @param basemapUrl         XYZ tile URL template of an optional basemap ({z}/{x}/{y}, {s}; e.g. OSM or Tianditu with
 *                           its key); empty: the neutral offline background only
 * @param basemapAttribution attribution shown with that basemap
 * @param livePoll           how often open map pages are told about changed layers
 */
@ConfigurationProperties("goafwatch.map")
public record MapProperties(@DefaultValue("") String basemapUrl, @DefaultValue("") String basemapAttribution,
        @DefaultValue("2s") Duration livePoll) {
}

package com.goafwatch.site;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loadOnStartup load the sample site when the service starts (the demo does; production does not)
 * @param path          folder holding site.json and the parcel GeoJSON it names
 */
@ConfigurationProperties("goafwatch.sample-site")
public record SampleSiteProperties(@DefaultValue("false") boolean loadOnStartup,
        @DefaultValue("gis-data/sample-site") Path path) {
}

package com.goafwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: remediation parcels in PostGIS, sensor time series in InfluxDB, one HTTP API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GoafWatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(GoafWatchApplication.class, args);
    }
}

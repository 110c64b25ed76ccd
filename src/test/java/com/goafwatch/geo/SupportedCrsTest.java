package com.goafwatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SupportedCrsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "EPSG:4548, 4548", "epsg:4490, 4490", "4527, 4527", "CRS84, 4326", "EPSG:4326, 4326",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84, 4326", "http://www.opengis.net/def/crs/EPSG/0/4548, 4548",
            "urn:ogc:def:crs:EPSG::4490, 4490", "urn:ogc:def:crs:OGC:1.3:CRS84, 4326"})
    void parsesTheAcceptedSpellings(String text, int srid) {
        assertThat(SupportedCrs.parse(text)).map(SupportedCrs::srid).contains(srid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:3857", "EPSG:", "", "  ", "4548; DROP TABLE parcel", "EPSG:45480000", "WGS84"})
    void refusesEverythingElse(String text) {
        assertThat(SupportedCrs.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"EPSG:3857", "EPSG:99999"})
    void parameterErrorsListTheAcceptedCrs(String text) {
        assertThatThrownBy(() -> CrsParameter.parseOr("crs", text, SupportedCrs.WGS84))
                .hasMessageContaining("crs '" + text + "' is not a supported CRS").hasMessageContaining("EPSG:4548");
    }
}

package com.goafwatch.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

/** The documents around PostGIS's Feature texts, read back by an independent JSON parser (json-smart via JsonPath). */
class GeoJsonTextTest {

    private static final String LINKS = "[{\"href\":\"http://x/ogcapi/collections/parcels\",\"rel\":\"collection\"}]";
    private static final String A = "{\"type\":\"Feature\",\"id\":1,\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.5,35.4]},"
            + "\"properties\":{\"code\":\"长-1\",\"areaMu\":12.3}}";
    private static final String B = "{\"type\":\"Feature\",\"id\":2,\"geometry\":null,\"properties\":{\"code\":null,\"areaMu\":null}}";

    @Test
    void collectionsOfNoneOneAndTwoFeatures() {
        for (List<String> features : List.of(List.<String>of(), List.of(A), List.of(A, B))) {
            String doc = new String(GeoJsonText.collection(features, 27, "2026-11-30T12:00:00Z", LINKS), StandardCharsets.UTF_8);
            assertThat((String) JsonPath.read(doc, "$.type")).isEqualTo("FeatureCollection");
            assertThat((List<Object>) JsonPath.read(doc, "$.features")).hasSize(features.size());
            assertThat((Integer) JsonPath.read(doc, "$.numberMatched")).isEqualTo(27);
            assertThat((Integer) JsonPath.read(doc, "$.numberReturned")).isEqualTo(features.size());
            assertThat((String) JsonPath.read(doc, "$.timeStamp")).isEqualTo("2026-11-30T12:00:00Z");
            assertThat((List<String>) JsonPath.read(doc, "$.links[*].rel")).containsExactly("collection");
        }
        String two = new String(GeoJsonText.collection(List.of(A, B), 2, "t", LINKS), StandardCharsets.UTF_8);
        assertThat((List<Integer>) JsonPath.read(two, "$.features[*].id")).containsExactly(1, 2);
        assertThat((String) JsonPath.read(two, "$.features[0].properties.code")).isEqualTo("长-1");
        assertThat((Object) JsonPath.read(two, "$.features[1].geometry")).isNull();
    }

    @Test
    void aFeatureGetsItsLinksAndKeepsEverythingElse() {
        String doc = new String(GeoJsonText.feature(A, LINKS), StandardCharsets.UTF_8);
        Map<String, Object> properties = JsonPath.read(doc, "$.properties");
        assertThat(properties).containsEntry("code", "长-1").containsEntry("areaMu", 12.3);
        assertThat((List<Double>) JsonPath.read(doc, "$.geometry.coordinates")).containsExactly(116.5, 35.4);
        assertThat((List<String>) JsonPath.read(doc, "$.links[*].href")).containsExactly("http://x/ogcapi/collections/parcels");
        assertThatThrownBy(() -> GeoJsonText.feature("[1]", LINKS)).isInstanceOf(IllegalStateException.class);
    }
}

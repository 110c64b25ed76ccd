package com.goafwatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundingBoxTest {

    @Test
    void parsesFourNumbers() {
        BoundingBox box = BoundingBox.parse("116.4, 35.4,116.6,35.5", SupportedCrs.WGS84);
        assertThat(box).isEqualTo(new BoundingBox(116.4, 35.4, 116.6, 35.5, SupportedCrs.WGS84));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1,2,3                           | four comma-separated numbers
            1,2,3,4,5                       | four comma-separated numbers
            a,2,3,4                         | value 1 'a' is not a number
            116,35,NaN,36                   | value 3 is not finite
            117,35,116,36                   | above or right of its maximum corner
            454000,3924000,454100,3924100   | outside the range of EPSG:4326
            """)
    void refusesWithAReason(String text, String reason) {
        assertThatThrownBy(() -> BoundingBox.parse(text, SupportedCrs.WGS84)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void squareOfHundredMetresIsFifteenMu() {
        assertThat(AreaUnits.squareMetresToMu(100 * 100)).isEqualTo(15.0);
    }
}

package com.goafwatch.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParcelStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PLANNED, TREATING, true", "PLANNED, MONITORING, true", "TREATING, TREATED, true", "TREATED, MONITORING, true",
            "MONITORING, ACCEPTED, true", "MONITORING, REJECTED, true", "REJECTED, TREATING, true", "TREATING, TREATING, true",
            "TREATING, PLANNED, false", "MONITORING, TREATED, false", "TREATED, ACCEPTED, false", "PLANNED, ACCEPTED, false",
            "ACCEPTED, MONITORING, false", "ACCEPTED, REJECTED, false", "REJECTED, ACCEPTED, false", "REJECTED, MONITORING, false"})
    void transitions(ParcelStatus from, ParcelStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }
}

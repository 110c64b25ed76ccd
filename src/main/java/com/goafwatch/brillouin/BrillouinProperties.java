package com.goafwatch.brillouin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * Plausibility limits of Brillouin data and the bounds of its readers.
 *
 * @param minAbsoluteShiftMhz lowest plausible absolute Brillouin shift (silica fiber at 1310–1550 nm: ~10.5–13 GHz;
 *                            9 GHz leaves room for special fibers); a value below it is refused (GHz sent as MHz?)
 * @param maxAbsoluteShiftMhz highest plausible absolute shift
 * @param maxDeltaShiftMhz    largest plausible change against the reference trace: 1000 MHz is 20,000 µε at
 *                            0.05 MHz/µε or 1000 °C, past where fibers break; more means a wrong cable or reference
 * @param maxReferenceGapM    widest spacing of reference samples across which a measurement is interpolated
 * @param maxReferenceSamples most samples of one reference trace (held in memory while converting)
 * @param maxLineLength       longest line of a Brillouin or Febus file, characters
 * @param maxFields           most columns of a Brillouin CSV row
 */
@Validated
@ConfigurationProperties("goafwatch.brillouin")
public record BrillouinProperties(
        @DefaultValue("9000") double minAbsoluteShiftMhz,
        @DefaultValue("13000") double maxAbsoluteShiftMhz,
        @DefaultValue("1000") double maxDeltaShiftMhz,
        @Positive @DefaultValue("5") double maxReferenceGapM,
        @Positive @DefaultValue("500000") int maxReferenceSamples,
        @Positive @DefaultValue("4096") int maxLineLength,
        @Positive @DefaultValue("16") int maxFields) {
}

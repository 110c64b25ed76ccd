package com.goafwatch.parcel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Plausibility of parcel geometry.
 *
 * @param minAreaM2            smallest parcel area (m², measured in EPSG:4548); smaller is refused as a sliver (422)
 * @param maxFeaturesPerImport most features in one import (GeoJSON, shapefile, GeoPackage); more is refused (413)
 */
@Validated
@ConfigurationProperties("goafwatch.parcels")
public record ParcelProperties(@DefaultValue("1.0") @PositiveOrZero double minAreaM2,
        @DefaultValue("10000") @Min(1) int maxFeaturesPerImport) {
}

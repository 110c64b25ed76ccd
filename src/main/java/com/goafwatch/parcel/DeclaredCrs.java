package com.goafwatch.parcel;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestCrs;

import tools.jackson.databind.JsonNode;

/**
 * Decides the CRS of an uploaded FeatureCollection: the {@code crs} request parameter, or the legacy
 * GeoJSON {@code crs} member (as GDAL writes it for non-WGS84 output), or CRS84 as RFC 7946 says.
 * A parameter that contradicts the file's own member is refused rather than guessed.
 */
public final class DeclaredCrs {

    private DeclaredCrs() {
    }

    public static SupportedCrs of(JsonNode collection, String crsParameter) {
        SupportedCrs fromParameter = crsParameter == null || crsParameter.isBlank() ? null
                : ParcelListParams.crs("crs", crsParameter);
        String member = collection == null ? "" : collection.path("crs").path("properties").path("name").asString("");
        SupportedCrs fromMember = null;
        if (!member.isBlank()) {
            fromMember = RequestCrs.parse("the GeoJSON crs member", member, null);
        }
        if (fromParameter != null && fromMember != null && fromParameter != fromMember) {
            throw ApiException.badRequest("conflicting-crs", "crs parameter " + fromParameter.code()
                    + " contradicts the file's crs member " + fromMember.code());
        }
        if (fromParameter != null) {
            return fromParameter;
        }
        return fromMember != null ? fromMember : SupportedCrs.WGS84;
    }
}

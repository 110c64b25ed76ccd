package com.goafwatch.parcel;

import com.goafwatch.geo.BoundingBox;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestCrs;

/** Turns the parcel list's query parameters into a {@link ParcelFilter}, with 400 problems for bad values. */
final class ParcelListParams {

    private ParcelListParams() {
    }

    static ParcelFilter filter(Long project, Long phase, String status, String bbox, String bboxCrs) {
        ParcelStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            parsedStatus = ParcelStatus.parse(status).orElseThrow(() -> ApiException.badRequest("invalid-parameter",
                    "status '" + status + "' is not one of " + ParcelStatus.allowedValues()).with("parameter", "status"));
        }
        BoundingBox box = null;
        if (bbox != null && !bbox.isBlank()) {
            SupportedCrs crs = crs("bbox-crs", bboxCrs);
            try {
                box = BoundingBox.parse(bbox, crs);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid-bbox", e.getMessage()).with("parameter", "bbox");
            }
        } else if (bboxCrs != null && !bboxCrs.isBlank()) {
            crs("bbox-crs", bboxCrs);
        }
        return new ParcelFilter(project, phase, parsedStatus, box);
    }

    static SupportedCrs crs(String parameter, String value) {
        return RequestCrs.parse(parameter, value, SupportedCrs.WGS84);
    }

    static void checkPaging(int limit, long offset, int maxLimit) {
        if (limit < 1 || limit > maxLimit) {
            throw ApiException.badRequest("invalid-parameter", "limit must be between 1 and " + maxLimit + "; got " + limit)
                    .with("parameter", "limit");
        }
        if (offset < 0) {
            throw ApiException.badRequest("invalid-parameter", "offset must not be negative; got " + offset)
                    .with("parameter", "offset");
        }
    }
}

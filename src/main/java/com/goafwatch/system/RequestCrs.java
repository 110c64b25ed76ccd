package com.goafwatch.system;

import com.goafwatch.geo.CrsParameter;
import com.goafwatch.geo.SupportedCrs;

/** A CRS named by a client: the accepted spellings, or a 400 problem naming the parameter and the accepted CRSs. */
public final class RequestCrs {

    private RequestCrs() {
    }

    public static SupportedCrs parse(String parameter, String value, SupportedCrs fallback) {
        try {
            return CrsParameter.parseOr(parameter, value, fallback);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unsupported-crs", e.getMessage()).with("parameter", parameter);
        }
    }
}

package com.goafwatch.forecast;

import java.util.List;

/**
 * One model fitted to a series.
 *
 * @param params  the curve's parameters in {@link SettlementModel#valueMm} form; null when the fit failed
 * @param rmsMm   root-mean-square residual of the curve against the readings (mm)
 * @param draws   parameter sets drawn from the fit's estimated uncertainty (for the band); may be empty
 * @param failure why the model cannot be used (not decaying, did not converge), or null
 */
record CurveFit(SettlementModel model, double[] params, double rmsMm, List<double[]> draws, String failure) {

    static CurveFit failed(SettlementModel model, String why) {
        return new CurveFit(model, null, Double.NaN, List.of(), why);
    }

    boolean usable() {
        return failure == null;
    }
}

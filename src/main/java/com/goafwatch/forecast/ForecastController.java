package com.goafwatch.forecast;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.RequestTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Settlement forecasts of a phase's or a parcel's markers. */
@RestController
@Tag(name = "Acceptance")
class ForecastController {

    private final ForecastService forecasts;

    ForecastController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @Operation(summary = "Settlement forecast of every parcel of the phase and its markers (at = time of the forecast, default now)")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/settlement-forecast")
    ForecastService.PhaseForecast phase(@PathVariable long phaseId, @RequestParam(required = false) String at) {
        return forecasts.phase(phaseId, RequestTime.orNow("at", at));
    }

    @Operation(summary = "Settlement forecast of a parcel: hyperbolic, Asaoka and Knothe fits per marker, the model used, "
            + "final and residual settlement, the date the stability criterion is expected to be met, 95 % band")
    @ProjectScoped(value = ScopeOwner.PARCEL, param = "parcelId")
    @GetMapping("/api/v1/parcels/{parcelId}/settlement-forecast")
    ParcelForecast parcel(@PathVariable long parcelId, @RequestParam(required = false) String at) {
        return forecasts.parcel(parcelId, RequestTime.orNow("at", at));
    }
}

package com.goafwatch.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The levelling field sheet of a phase and the plausibility check of entered values (saving goes through ingest/readings). */
@Tag(name = "Levelling entry")
@RestController
class LevellingSheetController {

    private static final int MAX_ENTRIES = 2000;

    private final LevellingSheet sheet;

    LevellingSheetController(LevellingSheet sheet) {
        this.sheet = sheet;
    }

    /** Body of a check: the time of the levelling and the entered values. */
    record CheckRequest(String time, List<LevellingSheet.Entry> readings) {
    }

    @Operation(summary = "The phase's settlement markers in route order, each with its last reading")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/levelling-sheet")
    Map<String, Object> rows(@PathVariable long phaseId) {
        return Map.of("phaseId", phaseId, "markers", sheet.rows(phaseId));
    }

    @Operation(summary = "Plausibility of entered settlement values against each marker's history (nothing is stored)")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @PostMapping("/api/v1/phases/{phaseId}/levelling-sheet/check")
    Map<String, Object> check(@PathVariable long phaseId, @RequestBody(required = false) CheckRequest body) {
        if (body == null || body.readings() == null || body.readings().isEmpty() || body.readings().size() > MAX_ENTRIES) {
            throw ApiException.unprocessable("invalid-readings", "Invalid readings", "readings: 1-" + MAX_ENTRIES + " entries required")
                    .with("field", "readings");
        }
        Instant at = body.time() == null ? Instant.now() : RequestTime.parse("time", body.time());
        List<LevellingSheet.Checked> checked = sheet.check(phaseId, at, body.readings());
        return Map.of("phaseId", phaseId, "time", at.toString(), "readings", checked,
                "implausible", checked.stream().filter(c -> !c.verdict().plausible()).count());
    }
}

package com.goafwatch.brillouin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * A cable's Brillouin settings: coefficients (appended as a new version) and the history of coefficients
 * and reference traces. Reference traces are uploaded through ingestion ({@code POST …/brillouin/references}).
 */
@Tag(name = "Brillouin fiber")
@RestController
class BrillouinController {

    private final BrillouinRepository repository;
    private final CableRepository cables;

    BrillouinController(BrillouinRepository repository, CableRepository cables) {
        this.repository = repository;
        this.cables = cables;
    }

    @Operation(summary = "The cable's Brillouin coefficients and reference traces in force, with their history (newest first)")
    @ProjectScoped(ScopeOwner.CABLE)
    @GetMapping("/api/v1/cables/{id}/brillouin")
    Map<String, Object> settings(@PathVariable long id) {
        cable(id);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cableId", id);
        List<BrillouinCoefficients> coefficients = repository.coefficientHistory(id);
        List<ReferenceSummary> references = repository.referenceHistory(id);
        doc.put("coefficients", coefficients.isEmpty() ? null : coefficients.get(0));
        doc.put("reference", references.isEmpty() ? null : references.get(0));
        doc.put("coefficientHistory", coefficients);
        doc.put("referenceHistory", references);
        return doc;
    }

    @Operation(summary = "Append a version of the coefficients: {\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0, "
            + "\"referenceTemperatureMhzPerC\": 1.0, \"note\": \"…\"}")
    @ProjectScoped(ScopeOwner.CABLE)
    @PostMapping("/api/v1/cables/{id}/brillouin/coefficients")
    @Transactional
    ResponseEntity<BrillouinCoefficients> addCoefficients(@PathVariable long id, @RequestBody JsonNode body) {
        Cable cable = cable(id);
        List<String> errors = new ArrayList<>();
        double strain = number(body, "strainMhzPerUe", 0.01, 0.2, "MHz/µε (standard fiber ≈ 0.05; kHz sent as MHz?)", errors);
        double temperature = number(body, "temperatureMhzPerC", 0.1, 5, "MHz/°C (standard fiber ≈ 1)", errors);
        double reference = body.has("referenceTemperatureMhzPerC")
                ? number(body, "referenceTemperatureMhzPerC", 0.1, 5, "MHz/°C", errors) : temperature;
        String note = body.path("note").isString() ? body.get("note").asString() : null;
        if (note != null && note.length() > 2000) {
            errors.add("note: at most 2000 characters");
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-coefficients", "Invalid Brillouin coefficients", String.join("; ", errors))
                    .with("errors", errors);
        }
        long newId = repository.insertCoefficients(cable.projectId(), id, strain, temperature, reference, note);
        return ResponseEntity.status(HttpStatus.CREATED).body(repository.latestCoefficients(id).filter(c -> c.id() == newId).orElseThrow());
    }

    private static double number(JsonNode body, String field, double min, double max, String unit, List<String> errors) {
        JsonNode n = body == null ? null : body.get(field);
        if (n == null || !n.isNumber()) {
            errors.add(field + ": required number in " + unit);
            return Double.NaN;
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            errors.add(field + ": " + v + " is outside " + min + "–" + max + " " + unit);
        }
        return v;
    }

    private Cable cable(long id) {
        return cables.findById(id).orElseThrow(() -> ApiException.notFound("cable", id));
    }
}

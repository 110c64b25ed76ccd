package com.goafwatch.parcel;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.phase.Phase;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Tag(name = "Parcel export")
@RestController
class ParcelExportController {

    private static final int MAX_PARCELS_PER_PHASE = 100_000;

    private final ParcelRepository parcels;
    private final PhaseRepository phases;
    private final ParcelFeatures features;
    private final ObjectMapper mapper;

    ParcelExportController(ParcelRepository parcels, PhaseRepository phases, ParcelFeatures features, ObjectMapper mapper) {
        this.parcels = parcels;
        this.phases = phases;
        this.features = features;
        this.mapper = mapper;
    }

    @Operation(summary = "Export a phase's parcels as GeoJSON or CSV with WKT; crs picks the output CRS (default CRS84)")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/parcels/export")
    ResponseEntity<String> export(@PathVariable long phaseId, @RequestParam(defaultValue = "geojson") String format,
            @RequestParam(required = false) String crs) throws IOException {
        Phase phase = phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        SupportedCrs outputCrs = ParcelListParams.crs("crs", crs);
        List<ParcelRow> rows = parcels.find(new ParcelFilter(null, phaseId, null, null), outputCrs, MAX_PARCELS_PER_PHASE, 0);
        String baseName = "phase-" + phase.ordinal() + "-parcels";
        return switch (format) {
            case "geojson" -> file(geoJson(rows, outputCrs), ParcelController.GEO_JSON, baseName + ".geojson");
            case "csv" -> file(csv(rows, outputCrs), MediaType.parseMediaType("text/csv;charset=UTF-8"), baseName + ".csv");
            default -> throw ApiException.badRequest("invalid-parameter", "format '" + format + "' must be geojson or csv")
                    .with("parameter", "format");
        };
    }

    private String geoJson(List<ParcelRow> rows, SupportedCrs crs) {
        ObjectNode fc = features.collection();
        if (crs != SupportedCrs.WGS84) {
            // legacy crs member, which GDAL and this service's import read back
            fc.putObject("crs").put("type", "name").putObject("properties").put("name", "urn:ogc:def:crs:EPSG::" + crs.srid());
        }
        ArrayNode items = fc.putArray("features");
        rows.forEach(r -> items.add(features.feature(r)));
        return mapper.writeValueAsString(fc);
    }

    private static String csv(List<ParcelRow> rows, SupportedCrs crs) throws IOException {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader("id", "code", "name", "phase", "land_use", "status", "area_mu", "area_m2", "srid", "wkt").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ParcelRow r : rows) {
                printer.printRecord(r.id(), r.code(), r.name(), r.phaseOrdinal(), r.landUse(), r.status(),
                        Math.round(r.areaMu() * 10_000) / 10_000.0, Math.round(r.areaM2() * 100) / 100.0, crs.srid(),
                        r.geometryWkt());
            }
        }
        return out.toString();
    }

    private static ResponseEntity<String> file(String body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").body(body);
    }
}

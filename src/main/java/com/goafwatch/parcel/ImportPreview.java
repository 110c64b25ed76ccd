package com.goafwatch.parcel;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.system.DryRun;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parcel import run as a dry run: the import's counts plus the outlines it would write, read back (as GeoJSON in
 * CGCS2000 longitude/latitude, EPSG:4490) inside the import's transaction just before it is rolled back, so the web
 * page can draw what the file holds exactly as the service understood it (CRS, axis order, repairs). Nothing is written.
 */
@Component
class ImportPreview {

    private final DryRun dryRuns;
    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    ImportPreview(DryRun dryRuns, JdbcClient jdbc, ObjectMapper mapper) {
        this.dryRuns = dryRuns;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** {@code work} for real, or, when {@code dryRun}, rolled back with its outlines under {@code preview}. */
    Object run(boolean dryRun, Supplier<ImportResult> work) {
        if (!dryRun) {
            return work.get();
        }
        return dryRuns.rolledBack(() -> {
            ImportResult r = work.get();
            ObjectNode out = mapper.valueToTree(r);
            out.put("dryRun", true);
            out.set("preview", outlines(r.parcels().stream().map(ImportResult.ImportedParcel::id).toList()));
            return out;
        });
    }

    private ObjectNode outlines(List<Long> ids) {
        ObjectNode collection = mapper.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        jdbc.sql("SELECT code, ST_AsGeoJSON(geom, 7) FROM parcel WHERE id = ANY (?) ORDER BY code")
                .param(ids.toArray(Long[]::new)).query(rs -> {
                    ObjectNode f = features.addObject();
                    f.put("type", "Feature");
                    f.putObject("properties").put("code", rs.getString(1));
                    f.set("geometry", mapper.readTree(rs.getString(2)));
                });
        return collection;
    }
}

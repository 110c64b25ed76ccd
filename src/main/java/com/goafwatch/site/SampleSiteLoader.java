package com.goafwatch.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.goafwatch.fiber.CableService;
import com.goafwatch.geo.CrsParameter;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.panel.PanelImporter;
import com.goafwatch.parcel.ImportMode;
import com.goafwatch.parcel.ImportResult;
import com.goafwatch.parcel.ParcelImporter;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.phase.PhaseRequest;
import com.goafwatch.project.Project;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.Actor;
import com.goafwatch.threshold.RuleRequest;
import com.goafwatch.threshold.RuleService;
import com.goafwatch.sensor.PointSensorService;
import com.goafwatch.system.ClusterLock;
import com.goafwatch.treatment.BoreholeService;
import com.goafwatch.treatment.QaTestService;
import com.goafwatch.treatment.TableFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the sample site (project, phases, parcels, goaf panels, fiber cables with calibrations, point sensors, default
 * threshold rules from domain.md) through
 * the same services the API uses, in one transaction. Safe to run again: a project whose code already exists is left untouched.
 * Instances started together load it in turn under one advisory lock ({@link ClusterLock}), so the second finds the
 * first's project instead of failing its start on the duplicate code.
 */
@Component
public class SampleSiteLoader {

    private static final Logger log = LoggerFactory.getLogger(SampleSiteLoader.class);

    private final SampleSiteProperties properties;
    private final ProjectRepository projects;
    private final PhaseRepository phases;
    private final ParcelImporter importer;
    private final CableService cables;
    private final PointSensorService sensors;
    private final RuleService rules;
    private final ObjectMapper mapper;
    private final TransactionTemplate transactions;
    private final BoreholeService boreholes;
    private final QaTestService qaTests;
    private final ClusterLock lock;
    private final PanelImporter panels;

    SampleSiteLoader(SampleSiteProperties properties, ProjectRepository projects, PhaseRepository phases,
            ParcelImporter importer, CableService cables, PointSensorService sensors, RuleService rules, ObjectMapper mapper,
            TransactionTemplate transactions, BoreholeService boreholes, QaTestService qaTests, ClusterLock lock, PanelImporter panels) {
        this.lock = lock;
        this.panels = panels;
        this.boreholes = boreholes;
        this.qaTests = qaTests;
        this.rules = rules;
        this.transactions = transactions;
        this.properties = properties;
        this.projects = projects;
        this.phases = phases;
        this.importer = importer;
        this.cables = cables;
        this.sensors = sensors;
        this.mapper = mapper;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void loadOnStartup() {
        if (properties.loadOnStartup()) {
            // a self-call bypasses the @Transactional proxy: open the transaction here, with the audit actor set
            lock.runWhenFree(ClusterLock.Scope.SAMPLE_SITE, 0,
                    () -> Actor.runAs("sample-site", () -> transactions.execute(status -> load(properties.path()))));
        }
    }

    /** @return the project's id, whether it was loaded now or already present */
    @Transactional
    public long load(Path folder) {
        JsonNode site = read(folder.resolve("site.json"));
        JsonNode p = site.path("project");
        Optional<Project> existing = projects.findByCode(p.path("code").asString());
        if (existing.isPresent()) {
            log.info("sample site {} already loaded (project id {}); nothing to do", existing.get().code(), existing.get().id());
            return existing.get().id();
        }
        SupportedCrs surveyCrs = CrsParameter.parseOr("surveyCrs", p.path("surveyCrs").asString(null), SupportedCrs.CGCS2000_GK_CM117);
        Project project = projects.insert(p.path("code").asString(), p.path("name").asString(), surveyCrs.srid(),
                p.path("description").asString(null));
        // the site's monitoring cadence and zone: evaluation's no-data ages and rate windows follow them
        projects.updateCadence(project.id(), p.path("timeZone").asString(null),
                p.path("fiberIntervalSeconds").isIntegralNumber() ? p.get("fiberIntervalSeconds").asLong() : null,
                p.path("levellingIntervalSeconds").isIntegralNumber() ? p.get("levellingIntervalSeconds").asLong() : null);
        for (JsonNode phase : site.path("phases")) {
            PhaseRequest request = mapper.treeToValue(phase, PhaseRequest.class);
            phases.insert(project.id(), request, request.status());
        }
        JsonNode parcelsSpec = site.path("parcels");
        SupportedCrs parcelCrs = CrsParameter.parseOr("parcels.crs", parcelsSpec.path("crs").asString(null), SupportedCrs.WGS84);
        ImportResult result = importer.importCollection(project.id(), read(folder.resolve(parcelsSpec.path("file").asString())),
                parcelCrs, ImportMode.CREATE);
        int panelCount = loadPanels(project.id(), folder, site.path("panels"));
        int cableCount = loadCables(project.id(), folder, site.path("cables"));
        int sensorCount = loadSensors(project.id(), folder, site.path("sensors"));
        for (JsonNode rule : site.path("rules")) {
            rules.create(project.id(), mapper.treeToValue(rule, RuleRequest.class));
        }
        int holeCount = loadTreatment(project.id(), folder, site.path("treatment"));
        log.info("sample site {} loaded: project id {}, {} phases, {} parcels, {} goaf panels, {} cables, {} point sensors, {} boreholes (SYNTHETIC data)",
                project.code(), project.id(), site.path("phases").size(), result.created(), panelCount, cableCount, sensorCount, holeCount);
        return project.id();
    }

    /** Borehole register, directional surveys and QA tests, through the same all-or-nothing imports as the API. */
    private int loadTreatment(long projectId, Path folder, JsonNode spec) {
        if (spec.isMissingNode()) {
            return 0;
        }
        SupportedCrs crs = CrsParameter.parseOr("treatment.crs", spec.path("crs").asString(null), SupportedCrs.CGCS2000_GK_CM117);
        int holes = boreholes.importRegister(projectId, table(folder, spec.path("boreholes").asString()), crs, false).size();
        if (spec.has("survey")) {
            boreholes.importSurvey(projectId, table(folder, spec.path("survey").asString()));
        }
        if (spec.has("qaTests")) {
            qaTests.importRows(projectId, table(folder, spec.path("qaTests").asString()), false);
        }
        return holes;
    }

    private static java.util.List<TableFile.Row> table(Path folder, String file) {
        try {
            return TableFile.read(java.nio.file.Files.readAllBytes(folder.resolve(file)), file, Long.MAX_VALUE); // our own files
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + folder.resolve(file), e);
        }
    }

    /** Goaf / strip-panel outlines for the report's maps, through the API's all-or-nothing import. */
    private int loadPanels(long projectId, Path folder, JsonNode spec) {
        if (spec.isMissingNode()) {
            return 0;
        }
        SupportedCrs crs = CrsParameter.parseOr("panels.crs", spec.path("crs").asString(null), SupportedCrs.WGS84);
        return panels.importCollection(projectId, read(folder.resolve(spec.path("file").asString())), crs, false).created();
    }

    private int loadCables(long projectId, Path folder, JsonNode spec) {
        if (spec.isMissingNode()) {
            return 0;
        }
        SupportedCrs crs = CrsParameter.parseOr("cables.crs", spec.path("crs").asString(null), SupportedCrs.WGS84);
        int n = 0;
        for (JsonNode feature : read(folder.resolve(spec.path("file").asString())).path("features")) {
            long cableId = cables.create(projectId, feature, crs);
            JsonNode calibration = feature.path("properties").path("calibration");
            if (calibration.isArray() && !calibration.isEmpty()) {
                cables.setCalibration(cableId, mapper.createObjectNode().set("points", calibration));
            }
            n++;
        }
        return n;
    }

    private int loadSensors(long projectId, Path folder, JsonNode spec) {
        if (spec.isMissingNode()) {
            return 0;
        }
        SupportedCrs crs = CrsParameter.parseOr("sensors.crs", spec.path("crs").asString(null), SupportedCrs.WGS84);
        int n = 0;
        for (JsonNode feature : read(folder.resolve(spec.path("file").asString())).path("features")) {
            sensors.create(projectId, feature, crs);
            n++;
        }
        return n;
    }

    private JsonNode read(Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read sample site file " + file.toAbsolutePath(), e);
        }
    }
}

package com.goafwatch.survey;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.ingest.IngestProperties;
import com.goafwatch.ingest.IngestSummary;
import com.goafwatch.ingest.RowErrors;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.PointSensorRepository;
import com.goafwatch.sensor.SensorType;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.BoundedLineReader;
import com.goafwatch.system.LimitedInputStream;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.RequestTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

@Tag(name = "Ingestion")
@RestController
class SurveyController {

    private final SurveyImport survey;
    private final SurveyRepository baselines;
    private final DisplacementQueries queries;
    private final ProjectRepository projects;
    private final PointSensorRepository sensors;
    private final SurveyProperties properties;
    private final IngestProperties ingest;
    private final LimitsProperties limits;
    private final ObjectMapper mapper;

    SurveyController(SurveyImport survey, SurveyRepository baselines, DisplacementQueries queries, ProjectRepository projects,
            PointSensorRepository sensors, SurveyProperties properties, IngestProperties ingest, LimitsProperties limits, ObjectMapper mapper) {
        this.survey = survey;
        this.baselines = baselines;
        this.queries = queries;
        this.projects = projects;
        this.sensors = sensors;
        this.properties = properties;
        this.ingest = ingest;
        this.limits = limits;
        this.mapper = mapper;
    }

    @Operation(summary = "3-D survey readings of settlement markers (total station, GNSS): CSV sensor,time,easting_m,northing_m,height_m "
            + "or JSON {\"readings\": [{sensor, time, eastingM, northingM, heightM}]} in the project's survey CRS; all or nothing; a marker's "
            + "first reading becomes its baseline; 202 once durable")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/ingest/survey")
    ResponseEntity<IngestSummary> importSurvey(@PathVariable long projectId, HttpServletRequest request) {
        projects.require(projectId);
        RowErrors errors = new RowErrors(ingest.maxErrorsListed());
        List<SurveyFile.Row> rows = read(request, errors);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(survey.importRows(projectId, rows, errors));
    }

    @Operation(summary = "A settlement marker's survey readings with horizontal displacement (mm) from its survey baseline")
    @ProjectScoped(ScopeOwner.SENSOR)
    @GetMapping("/api/v1/sensors/{id}/displacement")
    DisplacementSeries displacement(@PathVariable long id, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        PointSensor sensor = sensors.findById(id).orElseThrow(() -> ApiException.notFound("sensor", id));
        if (sensor.type() != SensorType.SETTLEMENT_MARKER) {
            throw ApiException.badRequest("wrong-sensor-type", "sensor " + sensor.code() + " is a " + sensor.type().dbValue()
                    + ", not a settlement marker");
        }
        Instant end = to == null || to.isBlank() ? Instant.now().plusSeconds(1) : RequestTime.parse("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(limits.maxQuerySpan()) : RequestTime.parse("from", from);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(limits.maxQuerySpan()) > 0) {
            throw ApiException.badRequest("invalid-time-range", "from " + start + " must be before to " + end + " and at most "
                    + limits.maxQuerySpan().toDays() + " days apart (goafwatch.limits.max-query-span)");
        }
        var baseline = baselines.baseline(id).map(b -> new DisplacementSeries.Baseline(b.observedAt(), b.point().eastingM(),
                b.point().northingM(), b.point().heightM())).orElse(null);
        String crs = baselines.baselineSrid(id).map(s -> "EPSG:" + s).orElse(null);
        return new DisplacementSeries(id, sensor.code(), crs, baseline, baseline == null ? List.of() : queries.readings(id, start, end));
    }

    private List<SurveyFile.Row> read(HttpServletRequest request, RowErrors errors) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        try {
            LimitedInputStream body = new LimitedInputStream(request.getInputStream(), limits.maxUploadSize().toBytes(),
                    "goafwatch.limits.max-upload-size");
            if (type.startsWith("application/json")) {
                try {
                    return SurveyFile.json(mapper.readTree(body), properties, errors::add);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("invalid-body", e.getMessage());
                }
            }
            if (!type.startsWith("text/csv") && !type.startsWith("text/plain")) {
                throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                        "send text/csv (sensor,time,easting_m,northing_m,height_m) or application/json");
            }
            return SurveyFile.csv(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), properties, errors::add);
        } catch (SurveyFile.TooManyReadings e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too-many-rows", "Too many readings", "more than " + e.limit
                    + " readings in one import (goafwatch.survey.max-rows); nothing was stored");
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed-json", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static ApiException unreadable(Throwable e) {
        if (e instanceof LimitedInputStream.LimitExceeded limit) {
            return limit.problem();
        }
        if (e instanceof BoundedLineReader.LineTooLong tooLong) {
            return tooLong.problem();
        }
        return ApiException.badRequest("unreadable-body", e instanceof java.nio.charset.CharacterCodingException
                ? "the file is not valid UTF-8 text" : "the file could not be read: " + e.getMessage());
    }
}

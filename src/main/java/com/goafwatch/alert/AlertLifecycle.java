package com.goafwatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.notify.Outbox;
import com.goafwatch.security.Actor;
import com.goafwatch.system.ApiException;
import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker.Change;
import com.goafwatch.threshold.RuleWithdrawn;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns flag transitions into alerts and their history, and queues notifications — all in one
 * transaction per evaluation, so state, alert, event and outbox never disagree.
 */
@Service
public class AlertLifecycle {

    static final String THRESHOLD = "threshold";
    static final String NO_DATA = "no_data";

    private final AlertRepository alerts;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    AlertLifecycle(AlertRepository alerts, Outbox outbox, ObjectMapper mapper) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** Applies the transitions of one evaluation. */
    @Transactional
    public void apply(List<FlagChange> changes) {
        for (FlagChange c : changes) {
            String evidence = c.evidence() == null ? null : mapper.writeValueAsString(c.evidence());
            alerts.saveState(c, evidence);
            if (c.dataBack() || (!c.noData() && c.change() == Change.DATA_BACK)) {
                alerts.findOpenForUpdate(c.parcelId(), c.rule().id(), NO_DATA).ifPresent(a -> clear(a, c, null));
                dataBack(c);
            }
            switch (c.change()) {
                case RAISED, ESCALATED -> raiseOrEscalate(c, evidence);
                case LOWERED -> alerts.findOpenForUpdate(c.parcelId(), c.rule().id(), THRESHOLD).ifPresent(a -> {
                    alerts.changeLevel(a.id(), c, false, evidence);
                    record(a, c, "lowered", c.level(), evidence, null, null);
                });
                case CLEARED -> alerts.findOpenForUpdate(c.parcelId(), c.rule().id(), THRESHOLD).ifPresent(a -> clear(a, c, evidence));
                case NO_DATA -> {
                    if (!c.sensors().isEmpty()) {
                        c.sensors().forEach(sensor -> silent(c, sensor));
                    } else if (alerts.findOpenForUpdate(c.parcelId(), c.rule().id(), NO_DATA).isEmpty()) {
                        long id = alerts.insert(c, NO_DATA, evidence);
                        record(alerts.findById(id).orElseThrow(), c, "raised", null, evidence, null, null);
                    }
                }
                default -> {
                    // NONE and DATA_BACK carry no threshold change
                }
            }
        }
    }

    /**
     * One no-data alert per silent sensor: raised when the first rule reading it goes without data, later
     * rules and parcels are added to its evidence without a new notification.
     */
    private void silent(FlagChange c, SilentSensor sensor) {
        String affected = mapper.writeValueAsString(affected(c));
        Optional<Alert> open = alerts.findOpenSensorForUpdate(c.projectId(), sensor.kind(), sensor.id());
        if (open.isPresent()) {
            alerts.addAffected(open.get().id(), affected);
            return;
        }
        ObjectNode evidence = mapper.createObjectNode();
        ObjectNode s = evidence.putObject("sensor");
        s.put("kind", sensor.kind());
        s.put("id", sensor.id());
        s.put("code", sensor.code());
        evidence.put("lastReadingAt", sensor.lastReadingAt() == null ? null : sensor.lastReadingAt().toString());
        evidence.putArray("affected").add(affected(c));
        String json = mapper.writeValueAsString(evidence);
        long id = alerts.insertSensor(c, sensor, json);
        record(alerts.findById(id).orElseThrow(), c, "raised", null, json, null, null);
    }

    /** A sensor's no-data alert clears when none of the (parcel, rule) pairs it starved is still without data. */
    private void dataBack(FlagChange c) {
        for (SilentSensor sensor : c.sensors()) {
            alerts.findOpenSensorForUpdate(c.projectId(), sensor.kind(), sensor.id()).ifPresent(a -> {
                if (alerts.stillSilent(a.id()) == 0) {
                    clear(a, c, null);
                }
            });
        }
    }

    private ObjectNode affected(FlagChange c) {
        ObjectNode a = mapper.createObjectNode();
        a.put("parcelId", c.parcelId());
        a.put("parcelCode", c.parcelCode());
        a.put("ruleId", c.rule().id());
        a.put("ruleName", c.rule().name());
        return a;
    }

    private void raiseOrEscalate(FlagChange c, String evidence) {
        Optional<Alert> open = alerts.findOpenForUpdate(c.parcelId(), c.rule().id(), THRESHOLD);
        if (open.isPresent()) {
            Alert a = open.get();
            Level before = a.level() == null ? null : Level.valueOf(a.level().toUpperCase(Locale.ROOT));
            boolean up = before == null || c.level().ordinal() > before.ordinal();
            alerts.changeLevel(a.id(), c, up, evidence);
            record(a, c, up ? "escalated" : "lowered", c.level(), evidence, null, null);
            return;
        }
        long id = alerts.insert(c, THRESHOLD, evidence);
        record(alerts.findById(id).orElseThrow(), c, "raised", c.level(), evidence, null, null);
    }

    private void clear(Alert a, FlagChange c, String evidence) {
        alerts.clear(a.id(), c.at());
        record(a, c, "cleared", null, evidence, null, null);
    }

    private void record(Alert a, FlagChange c, String kind, Level level, String evidence, String actor, String comment) {
        long eventId = alerts.event(a.id(), c.at(), kind, level == null ? null : level.dbValue(), c.value(), c.threshold(), evidence, actor,
                comment);
        notify(alerts.findById(a.id()).orElseThrow(), kind, eventId, comment);
    }

    /** Closes the open alerts of a rule that was deleted, disabled or re-scoped (runs in the rule's transaction). */
    @EventListener
    public void ruleWithdrawn(RuleWithdrawn e) {
        Instant now = Instant.now();
        for (Alert a : alerts.openByRule(e.ruleId())) {
            alerts.clear(a.id(), now);
            long eventId = alerts.event(a.id(), now, "cleared", null, null, null, null, Actor.current(), e.reason());
            notify(alerts.findById(a.id()).orElseThrow(), "cleared", eventId, e.reason());
        }
    }

    /** Acknowledges a raised alert; escalations after this need a new acknowledgement. */
    @Transactional
    public Alert acknowledge(long alertId, String comment) {
        Alert a = alerts.findById(alertId).orElseThrow(() -> ApiException.notFound("alert", alertId));
        String text = normalized(comment, false);
        if (!"raised".equals(a.state())) {
            throw ApiException.conflict("alert-not-raised", "alert " + alertId + " is " + a.state() + "; only a raised alert can be acknowledged")
                    .with("state", a.state());
        }
        Instant now = Instant.now();
        String actor = Actor.current();
        alerts.acknowledge(alertId, actor, now);
        long eventId = alerts.event(alertId, now, "acknowledged", a.level(), a.value(), a.threshold(), null, actor, text);
        notify(alerts.findById(alertId).orElseThrow(), "acknowledged", eventId, text);
        return get(alertId);
    }

    @Transactional
    public Alert comment(long alertId, String comment) {
        Alert a = alerts.findById(alertId).orElseThrow(() -> ApiException.notFound("alert", alertId));
        String text = normalized(comment, true);
        alerts.event(a.id(), Instant.now(), "comment", a.level(), null, null, null, Actor.current(), text);
        return get(alertId);
    }

    public Alert get(long alertId) {
        Alert a = alerts.findById(alertId).orElseThrow(() -> ApiException.notFound("alert", alertId));
        return a.withEvents(alerts.events(alertId));
    }

    private static String normalized(String comment, boolean required) {
        String text = comment == null ? null : comment.strip();
        if (text != null && text.isEmpty()) {
            text = null;
        }
        if (required && text == null) {
            throw ApiException.unprocessable("invalid-comment", "Invalid comment", "comment: required, not blank").with("field", "comment");
        }
        if (text != null && text.length() > 4000) {
            throw ApiException.unprocessable("invalid-comment", "Invalid comment", "comment: at most 4000 characters").with("field", "comment");
        }
        return text;
    }

    private void notify(Alert a, String event, long eventId, String comment) {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("event", event);
        payload.put("eventId", eventId);
        payload.put("comment", comment);
        ObjectNode alert = payload.putObject("alert");
        alert.put("id", a.id());
        alert.put("projectId", a.projectId());
        alert.put("phaseId", a.phaseId());
        alert.put("parcelId", a.parcelId());
        alert.put("parcel", a.parcelCode());
        alert.put("kind", a.kind());
        alert.put("state", a.state());
        alert.put("level", a.level());
        alert.put("peakLevel", a.peakLevel());
        alert.put("rule", a.ruleName());
        alert.put("ruleId", a.ruleId());
        alert.put("metric", a.metric());
        alert.put("value", a.value());
        alert.put("threshold", a.threshold());
        alert.put("unit", a.unit());
        alert.set("evidence", a.evidence() == null ? null : mapper.readTree(a.evidence()));
        alert.put("raisedAt", String.valueOf(a.raisedAt()));
        if (a.sensorKind() != null) {
            alert.put("sensorKind", a.sensorKind());
            alert.put("sensorCode", a.sensorCode());
        }
        outbox.enqueue(a.projectId(), a.phaseId(), a.level(), NO_DATA.equals(a.kind()), event, a.id(), eventId,
                mapper.writeValueAsString(payload));
    }
}

package com.goafwatch.notify;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

/** Notification channels of a project and their delivery logs. */
@RestController
class ChannelController {

    private final ChannelRepository channels;
    private final JdbcClient jdbc;
    private final ProjectRepository projects;
    private final DeliveryAddressGuard guard;
    private final ChannelTester tester;

    ChannelController(ChannelRepository channels, JdbcClient jdbc, ProjectRepository projects, DeliveryAddressGuard guard,
            ChannelTester tester) {
        this.tester = tester;
        this.projects = projects;
        this.guard = guard;
        this.channels = channels;
        this.jdbc = jdbc;
    }

    @ProjectScoped(ScopeOwner.PROJECT)
    @GetMapping("/api/v1/projects/{id}/notification-channels")
    List<Channel> list(@PathVariable long id) {
        projects.require(id);
        return channels.findByProject(id);
    }

    @ProjectScoped(ScopeOwner.PROJECT)
    @PostMapping("/api/v1/projects/{id}/notification-channels")
    @Transactional
    ResponseEntity<Channel> create(@PathVariable long id, @RequestBody ChannelRequest body) {
        projects.require(id);
        ChannelRequest r = checkedAddress(ChannelValidator.validate(body));
        requirePhase(id, r.phaseId());
        long channelId = channels.insert(id, r);
        return ResponseEntity.status(HttpStatus.CREATED).body(channels.findById(channelId).orElseThrow());
    }

    @ProjectScoped(ScopeOwner.NOTIFICATION_CHANNEL)
    @GetMapping("/api/v1/notification-channels/{id}")
    Channel get(@PathVariable long id) {
        return channels.findById(id).orElseThrow(() -> ApiException.notFound("notification channel", id));
    }

    @ProjectScoped(ScopeOwner.NOTIFICATION_CHANNEL)
    @PutMapping("/api/v1/notification-channels/{id}")
    @Transactional
    Channel update(@PathVariable long id, @RequestBody ChannelRequest body) {
        Channel existing = get(id);
        ChannelRequest r = checkedAddress(ChannelValidator.validate(keepMaskedUrl(existing, body)));
        requirePhase(existing.projectId(), r.phaseId());
        channels.update(id, r);
        return get(id);
    }

    @ProjectScoped(ScopeOwner.NOTIFICATION_CHANNEL)
    @DeleteMapping("/api/v1/notification-channels/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!channels.delete(id)) {
            throw ApiException.notFound("notification channel", id);
        }
        return ResponseEntity.noContent().build();
    }

    /** A literal address (or localhost) that delivery would refuse is refused now; names are checked at each delivery. */
    private ChannelRequest checkedAddress(ChannelRequest r) {
        guard.refusalOfLiteral(java.net.URI.create(r.url())).ifPresent(reason -> {
            throw ApiException.unprocessable("invalid-channel", "Invalid notification channel", "url: " + reason)
                    .with("errors", List.of("url: " + reason));
        });
        return r;
    }

    /** Sends a test message now and returns the receiver's answer (admin only, like the channel's other writes). */
    @ProjectScoped(ScopeOwner.NOTIFICATION_CHANNEL)
    @PostMapping("/api/v1/notification-channels/{id}/test")
    ChannelTester.Answer test(@PathVariable long id) {
        return tester.test(get(id));
    }

    /** The delivery log, newest first: state, attempts, last error, delivery time. */
    @ProjectScoped(ScopeOwner.NOTIFICATION_CHANNEL)
    @GetMapping("/api/v1/notification-channels/{id}/deliveries")
    Map<String, Object> deliveries(@PathVariable long id, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "100") int limit) {
        get(id);
        if (state != null && !state.equals("pending") && !state.equals("delivered")) {
            throw ApiException.badRequest("invalid-parameter", "state must be pending or delivered").with("parameter", "state");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("invalid-parameter", "limit must be 1-1000").with("parameter", "limit");
        }
        return Map.of("channelId", id, "deliveries", channels.deliveries(id, state, limit));
    }


    /** A URL sent back as the API showed it (credentials masked) means "unchanged". */
    private static ChannelRequest keepMaskedUrl(Channel existing, ChannelRequest body) {
        if (body == null || body.url() == null || !body.url().equals(existing.displayUrl())
                || !existing.kind().equals(body.kind())) {
            return body;
        }
        return new ChannelRequest(body.name(), body.kind(), existing.url(), body.topic(), body.secret(), body.minLevel(), body.phaseId(),
                body.events(), body.includeNoData(), body.enabled(), body.language());
    }

    private void requirePhase(long projectId, Long phaseId) {
        if (phaseId != null && jdbc.sql("SELECT count(*) FROM phase WHERE id = ? AND project_id = ?").params(phaseId, projectId)
                .query(Long.class).single() == 0) {
            throw ApiException.unprocessable("invalid-channel", "Invalid notification channel",
                    "phaseId: phase " + phaseId + " is not in project " + projectId).with("errors", List.of("phaseId: not in this project"));
        }
    }
}

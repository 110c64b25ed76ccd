package com.goafwatch.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Channels and the delivery log; all values bound. */
@Repository
class ChannelRepository {

    private static final String CHANNEL = "SELECT id, project_id, name, kind, url, topic, secret, min_level, phase_id, events, "
            + "include_no_data, enabled, language, created_at FROM notification_channel";
    private static final String DELIVERY = "SELECT id, channel_id, alert_id, alert_event_id, event, state, attempts, next_attempt_at, "
            + "last_attempt_at, last_error, delivered_at, created_at FROM notification_delivery";

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Channel> findByProject(long projectId) {
        return jdbc.sql(CHANNEL + " WHERE project_id = ? ORDER BY id").param(projectId).query(ChannelRepository::channel).list();
    }

    Optional<Channel> findById(long id) {
        return jdbc.sql(CHANNEL + " WHERE id = ?").param(id).query(ChannelRepository::channel).optional();
    }

    long insert(long projectId, ChannelRequest r) {
        return jdbc.sql("INSERT INTO notification_channel (project_id, name, kind, url, topic, secret, min_level, phase_id, events, "
                + "include_no_data, enabled, language) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(projectId, r.name(), r.kind(), r.url(), r.topic(), r.secret(), r.minLevel(), r.phaseId(),
                        r.events().toArray(String[]::new), r.includeNoData(), r.enabled(), r.language())
                .query(Long.class).single();
    }

    /** A null secret keeps the stored one; an empty one removes it. */
    boolean update(long id, ChannelRequest r) {
        return jdbc.sql("UPDATE notification_channel SET name = ?, kind = ?, url = ?, topic = ?, "
                + "secret = CASE WHEN ?::text IS NULL THEN secret ELSE NULLIF(?, '') END, min_level = ?, phase_id = ?, events = ?, "
                + "include_no_data = ?, enabled = ?, language = ? WHERE id = ?")
                .params(r.name(), r.kind(), r.url(), r.topic(), r.secret(), r.secret(), r.minLevel(), r.phaseId(),
                        r.events().toArray(String[]::new), r.includeNoData(), r.enabled(), r.language(), id)
                .update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM notification_channel WHERE id = ?").param(id).update() == 1;
    }

    List<Delivery> deliveries(long channelId, String state, int limit) {
        return jdbc.sql(DELIVERY + " WHERE channel_id = ? AND (?::text IS NULL OR state = ?) ORDER BY id DESC LIMIT ?")
                .params(channelId, state, state, limit).query(ChannelRepository::delivery).list();
    }

    private static Channel channel(ResultSet rs, int row) throws SQLException {
        return new Channel(rs.getLong("id"), rs.getLong("project_id"), rs.getString("name"), rs.getString("kind"), rs.getString("url"),
                rs.getString("topic"), rs.getString("secret"), rs.getString("min_level"), (Long) rs.getObject("phase_id"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getBoolean("include_no_data"), rs.getBoolean("enabled"),
                rs.getString("language"), rs.getObject("created_at", OffsetDateTime.class));
    }

    static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("channel_id"), rs.getLong("alert_id"), rs.getLong("alert_event_id"),
                rs.getString("event"), rs.getString("state"), rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("last_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
                rs.getObject("delivered_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));
    }
}

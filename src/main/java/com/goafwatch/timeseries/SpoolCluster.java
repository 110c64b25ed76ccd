package com.goafwatch.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the cluster's spool status: this instance now, the others from {@code spool_volume_status}. */
@Component
public class SpoolCluster {

    private final SpoolDrainer drainer;
    private final SpoolProperties properties;
    private final JdbcClient jdbc;

    SpoolCluster(SpoolDrainer drainer, SpoolProperties properties, JdbcClient jdbc) {
        this.drainer = drainer;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    public ClusterSpoolStatus status() {
        SpoolStatus self = drainer.status();
        long staleAfter = properties.staleAfter().toSeconds();
        List<ClusterSpoolStatus.Volume> volumes = new ArrayList<>();
        volumes.add(new ClusterSpoolStatus.Volume(self.volumeId(), self.holder(), self.spoolDir(), "live", self.pendingBatches(),
                self.pendingSamples(), self.pendingBytes(), self.quotaBytes(), self.oldestPendingAt(), self.rejectedBatches(),
                self.writtenPoints(), self.lastWriteAt(), self.lastError(), self.lastErrorAt(), Instant.now(), null));
        volumes.addAll(jdbc.sql("""
                SELECT *, CASE WHEN stopped_at IS NOT NULL THEN 'stopped'
                               WHEN heartbeat_at < clock_timestamp() - make_interval(secs => ?) THEN 'stale' ELSE 'live' END AS state
                FROM spool_volume_status WHERE volume_id <> ? ORDER BY volume_id""")
                .param(staleAfter).param(self.volumeId()).query((rs, n) -> volume(rs)).list());
        List<ClusterSpoolStatus.Volume> live = volumes.stream().filter(v -> v.state().equals("live")).toList();
        return new ClusterSpoolStatus(live.stream().mapToInt(ClusterSpoolStatus.Volume::pendingBatches).sum(),
                live.stream().mapToLong(ClusterSpoolStatus.Volume::pendingBytes).sum(), self.oldestPending(),
                live.stream().mapToLong(ClusterSpoolStatus.Volume::rejectedBatches).sum(),
                live.stream().mapToLong(ClusterSpoolStatus.Volume::writtenPoints).sum(),
                live.stream().map(ClusterSpoolStatus.Volume::lastWriteAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null),
                self.lastError(), self.lastErrorAt(), live.stream().mapToLong(ClusterSpoolStatus.Volume::pendingSamples).sum(),
                live.stream().map(ClusterSpoolStatus.Volume::oldestPendingAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null),
                live.stream().mapToLong(ClusterSpoolStatus.Volume::quotaBytes).sum(),
                volumes.stream().filter(v -> !v.state().equals("live")).mapToInt(ClusterSpoolStatus.Volume::pendingBatches).sum(),
                staleAfter, self.volumeId(), volumes);
    }

    private static ClusterSpoolStatus.Volume volume(ResultSet rs) throws SQLException {
        String state = rs.getString("state");
        int pending = rs.getInt("pending_batches");
        String note = state.equals("live") || pending == 0 ? null
                : pending + " batch(es) wait in " + rs.getString("spool_dir") + " on volume " + rs.getString("volume_id") + ", which no live "
                        + "instance drains (last held by " + rs.getString("holder") + "): start an instance on that volume to drain it";
        return new ClusterSpoolStatus.Volume(rs.getString("volume_id"), rs.getString("holder"), rs.getString("spool_dir"), state, pending,
                rs.getLong("pending_samples"), rs.getLong("pending_bytes"), rs.getLong("quota_bytes"), instant(rs, "oldest_pending_at"),
                rs.getLong("rejected_batches"), rs.getLong("written_points"), instant(rs, "last_write_at"), rs.getString("last_error"),
                instant(rs, "last_error_at"), instant(rs, "heartbeat_at"), note);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

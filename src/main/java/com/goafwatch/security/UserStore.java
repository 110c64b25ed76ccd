package com.goafwatch.security;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Local users and their project grants; explicit SQL, all values bound. */
@Repository
class UserStore {

    record StoredUser(long id, String username, String passwordHash, Role role, boolean allProjects, boolean disabled, int sessionEpoch) {
    }

    /** A user row with its granted project ids, ascending, as one statement read them. */
    record UserWithGrants(StoredUser user, List<Long> grants) {
    }

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredUser> find(String username) {
        return jdbc.sql("SELECT id, username, password_hash, role, all_projects, disabled, session_epoch FROM app_user WHERE username = ?")
                .param(username).query((rs, n) -> new StoredUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.parse(rs.getString(4)).orElseThrow(), rs.getBoolean(5), rs.getBoolean(6), rs.getInt(7)))
                .optional();
    }

    /** The user and its grants in one round trip (every HTTP Basic request that is not remembered reads this). */
    Optional<UserWithGrants> findWithGrants(String username) {
        return jdbc.sql("SELECT id, username, password_hash, role, all_projects, disabled, session_epoch, "
                + "ARRAY(SELECT g.project_id FROM user_project_grant g WHERE g.user_id = u.id ORDER BY g.project_id) AS grants "
                + "FROM app_user u WHERE username = ?")
                .param(username).query((rs, n) -> new UserWithGrants(new StoredUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.parse(rs.getString(4)).orElseThrow(), rs.getBoolean(5), rs.getBoolean(6), rs.getInt(7)),
                        java.util.Arrays.stream((Object[]) rs.getArray(8).getArray()).map(o -> ((Number) o).longValue()).toList()))
                .optional();
    }

    List<StoredUser> all() {
        return jdbc.sql("SELECT id, username, '' AS h, role, all_projects, disabled FROM app_user ORDER BY username")
                .query((rs, n) -> new StoredUser(rs.getLong(1), rs.getString(2), "", Role.parse(rs.getString(4)).orElseThrow(),
                        rs.getBoolean(5), rs.getBoolean(6), 0))
                .list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    Set<Long> grants(long userId) {
        return new HashSet<>(jdbc.sql("SELECT project_id FROM user_project_grant WHERE user_id = ?").param(userId)
                .query(Long.class).list());
    }

    long insert(String username, String passwordHash, Role role, boolean allProjects) {
        return jdbc.sql("INSERT INTO app_user (username, password_hash, role, all_projects) VALUES (?, ?, ?, ?) RETURNING id")
                .params(username, passwordHash, role.dbValue(), allProjects).query(Long.class).single();
    }

    void update(long id, Role role, boolean allProjects, boolean disabled) {
        jdbc.sql("UPDATE app_user SET role = ?, all_projects = ?, disabled = ? WHERE id = ?")
                .params(role.dbValue(), allProjects, disabled, id).update();
    }

    /** Ends every open session of the user at its next request (see {@link SessionRevalidationFilter}). */
    void endSessions(long id) {
        jdbc.sql("UPDATE app_user SET session_epoch = session_epoch + 1 WHERE id = ?").param(id).update();
    }

    void setPassword(long id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    void replaceGrants(long userId, Set<Long> projectIds) {
        jdbc.sql("DELETE FROM user_project_grant WHERE user_id = ?").param(userId).update();
        for (Long p : projectIds) {
            jdbc.sql("INSERT INTO user_project_grant (user_id, project_id) VALUES (?, ?)").params(userId, p).update();
        }
    }
}

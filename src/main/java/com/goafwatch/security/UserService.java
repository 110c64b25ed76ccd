package com.goafwatch.security;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.system.ApiException;

/** Local user administration: create, change role and grants, disable, reset passwords (bcrypt). */
@Service
public class UserService {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MIN_PASSWORD_LENGTH = 12;

    /** A user as shown by the API; never the password hash. */
    public record UserView(long id, String username, Role role, boolean allProjects, boolean disabled, Set<Long> projectIds) {
    }

    /** A created or reset user with the password to hand over (shown once). */
    public record Credentials(UserView user, String password) {
    }

    private final UserStore users;
    private final PasswordEncoder encoder;

    UserService(UserStore users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    @Transactional
    public Credentials create(String username, Role role, boolean allProjects, Set<Long> projectIds, String password) {
        if (role == null || !role.isPersonRole()) {
            throw ApiException.badRequest("invalid-role", "role must be viewer, engineer or admin");
        }
        if (users.find(username).isPresent()) {
            throw ApiException.conflict("duplicate-user", "user '" + username + "' already exists");
        }
        String plain = password == null ? generatePassword() : checked(password);
        long id = users.insert(username, encoder.encode(plain), role, allProjects);
        users.replaceGrants(id, projectIds);
        return new Credentials(view(username), password == null ? plain : null);
    }

    /** Role, grants and disabled flag; a new password too when one is given (it ends the user's sessions, as a reset does). */
    @Transactional
    public UserView update(String username, Role role, boolean allProjects, boolean disabled, Set<Long> projectIds, String password) {
        UserStore.StoredUser u = users.find(username).orElseThrow(() -> ApiException.notFound("user", username));
        if (role == null || !role.isPersonRole()) {
            throw ApiException.badRequest("invalid-role", "role must be viewer, engineer or admin");
        }
        String newPassword = password == null ? null : checked(password);
        users.update(u.id(), role, allProjects, disabled);
        users.replaceGrants(u.id(), projectIds);
        if (newPassword != null) {
            users.setPassword(u.id(), encoder.encode(newPassword));
        }
        if (disabled || newPassword != null) {
            users.endSessions(u.id()); // enabling the user again later must not revive the sessions of before
        }
        return view(username);
    }

    /** Sets the given password, or a generated one that is returned once. */
    @Transactional
    public Credentials resetPassword(String username, String password) {
        UserStore.StoredUser u = users.find(username).orElseThrow(() -> ApiException.notFound("user", username));
        String plain = password == null ? generatePassword() : checked(password);
        users.setPassword(u.id(), encoder.encode(plain));
        users.endSessions(u.id());
        return new Credentials(view(username), password == null ? plain : null);
    }

    /** Logs the user out everywhere: every open browser session ends at its next request. */
    @Transactional
    public void endSessions(String username) {
        users.endSessions(users.find(username).orElseThrow(() -> ApiException.notFound("user", username)).id());
    }

    public List<UserView> list() {
        return users.all().stream().map(u -> view(u.username())).toList();
    }

    public UserView view(String username) {
        UserStore.StoredUser u = users.find(username).orElseThrow(() -> ApiException.notFound("user", username));
        return new UserView(u.id(), u.username(), u.role(), u.allProjects(), u.disabled(), new HashSet<>(users.grants(u.id())));
    }

    boolean noUsers() {
        return users.count() == 0;
    }

    static String generatePassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String checked(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("weak-password", "passwords need at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }
}

-- Sessions follow the user row: a browser session remembers the epoch it was opened under, and every request
-- compares it with the row (one indexed lookup). Logging a user out everywhere, disabling them or resetting their
-- password bumps the epoch, so every open session ends at its next request, whichever instance holds it.
ALTER TABLE app_user ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD CONSTRAINT app_user_session_epoch_ck CHECK (session_epoch >= 0);

-- Failed and throttled logins are audited beside the row changes (entity_type 'login', no project).
ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_ck;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_ck
    CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'LOGIN_FAILED', 'LOGIN_THROTTLED'));

/**
 * Who may do what: local users (hashed passwords) and API tokens (hashed, revocable, expiring) in
 * standalone mode, JWTs from an OIDC provider in enterprise mode; roles viewer &lt; engineer &lt; admin plus
 * ingest tokens for gateways; per-project grants; the actor name the audit trail records.
 */
package com.goafwatch.security;

-- The audit log's filters: by action and by actor, platform-wide and within one organization.
-- They also let the filter's choices be read with an index skip scan instead of reading the whole log.
CREATE INDEX audit_log_action_idx ON audit_log (action);
CREATE INDEX audit_log_organization_action_idx ON audit_log (organization_id, action);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX audit_log_organization_actor_idx ON audit_log (organization_id, actor_id);

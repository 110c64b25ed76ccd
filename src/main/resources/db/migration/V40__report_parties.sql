-- The parties a Chinese acceptance report names on its cover and signs: client (建设单位), designer (设计单位),
-- contractor (施工单位), monitoring unit (监测单位); and the prefix of the report numbers. One row per project.
CREATE TABLE report_parties (
    project_id            bigint NOT NULL,
    client                text,
    designer              text,
    contractor            text,
    monitoring_unit       text,
    report_number_prefix  text,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_parties_pk PRIMARY KEY (project_id),
    CONSTRAINT report_parties_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT report_parties_prefix_ck CHECK (report_number_prefix IS NULL OR report_number_prefix ~ '^[A-Za-z0-9-]{1,32}$')
);
CREATE TRIGGER report_parties_audit_tg AFTER INSERT OR UPDATE OR DELETE ON report_parties FOR EACH ROW
    EXECUTE FUNCTION audit_row('project_id');

-- Reports may also be stored as an editable Word copy (.docx).
ALTER TABLE report DROP CONSTRAINT report_format_ck;
ALTER TABLE report ADD CONSTRAINT report_format_ck CHECK (format IN ('pdf', 'json', 'xlsx', 'csv', 'docx'));

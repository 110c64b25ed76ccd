-- Group-robot channels of the messengers Chinese site teams use: DingTalk, WeCom (企业微信) and Feishu.
-- Their webhook URLs carry the robot's token or key, so the URL is as secret as the signing secret: the
-- API returns it masked and the audit trail keeps only its hash.

ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_kind_ck;
ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_kind_ck
    CHECK (kind IN ('webhook', 'mqtt', 'dingtalk', 'wecom', 'feishu'));
ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_target_ck;
ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_target_ck
    CHECK ((kind IN ('webhook', 'dingtalk', 'wecom', 'feishu') AND url IS NOT NULL)
        OR (kind = 'mqtt' AND url IS NOT NULL AND topic IS NOT NULL));
-- WeCom group robots have no signing: the key in the URL is their only credential
ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_wecom_unsigned_ck
    CHECK (kind <> 'wecom' OR secret IS NULL);
-- the language of messenger cards: zh (简体中文) or en
ALTER TABLE notification_channel ADD COLUMN language text NOT NULL DEFAULT 'zh';
ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_language_ck CHECK (language IN ('zh', 'en'));

-- as in V7, plus the masking of messenger URLs
CREATE OR REPLACE FUNCTION audit_image(row_json jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k text;
    j jsonb := row_json - 'password_hash' - 'token_hash' - 'area_m2' - 'area_mu' - 'route_length_m' - 'content';
BEGIN
    IF j IS NULL THEN
        RETURN NULL;
    END IF;
    IF j ? 'secret' AND j->>'secret' IS NOT NULL THEN
        j := jsonb_set(j, ARRAY['secret'], to_jsonb('sha256:' || encode(sha256(convert_to(j->>'secret', 'UTF8')), 'hex')));
    END IF;
    -- a messenger robot's URL holds its access token or key
    IF j->>'kind' IN ('dingtalk', 'wecom', 'feishu') AND j ? 'url' AND j->>'url' IS NOT NULL THEN
        j := jsonb_set(j, ARRAY['url'], to_jsonb('sha256:' || encode(sha256(convert_to(j->>'url', 'UTF8')), 'hex')));
    END IF;
    FOREACH k IN ARRAY ARRAY['geom', 'route', 'top_point', 'location', 'collar', 'surface_trace', 'path'] LOOP
        IF j ? k AND j->>k IS NOT NULL THEN
            j := jsonb_set(j, ARRAY[k], ST_AsGeoJSON((j->>k)::geometry, 9)::jsonb);
        END IF;
    END LOOP;
    RETURN j;
END $$;

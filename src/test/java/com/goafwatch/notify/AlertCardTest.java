package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Card text without a database: escaping of free text, no-data cards, site time, masking of robot URLs. */
class AlertCardTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static JsonNode payload(String json) {
        return MAPPER.readTree(json);
    }

    @Test
    void freeTextCannotAddLinksOrMarkup() {
        var card = AlertCard.of(payload("""
                {"event": "raised", "comment": "see [here](http://evil.example) <b>now</b>",
                 "alert": {"projectId": 3, "parcelId": 9, "parcel": "A*1", "kind": "threshold", "level": "red", "rule": "r#1",
                           "metric": "settlement", "value": 31.5, "threshold": 30, "unit": "mm"}}"""),
                new AlertCard.Context("P-1", "Rencheng [phase 1]", Instant.parse("2026-05-01T00:30:00Z"), ZoneId.of("Asia/Shanghai"),
                        "https://gw.example.cn/"), false);
        String md = card.markdown();
        assertThat(md).contains("**[red (I)] Rencheng ［phase 1］ · parcel A＊1 · raised**");
        assertThat(md).contains("- **Comment**: see ［here］(http://evil.example) ＜b＞now＜/b＞");
        assertThat(md).contains("- **Value**: 31.5 mm (threshold 30 mm)");
        assertThat(md).contains("- **Time**: 2026-05-01 08:30:00 (Asia/Shanghai, UTC+08:00)");
        assertThat(md).contains("[Open the parcel on the map](https://gw.example.cn/?project=3&parcel=9)");
        assertThat(md).doesNotContain("](http://evil");
    }

    @Test
    void noDataCardsHaveNoValueAndNoLinkWithoutABaseUrl() {
        var card = AlertCard.of(payload("""
                {"event": "cleared", "alert": {"projectId": 3, "parcelId": 9, "parcel": "B", "kind": "no_data", "level": null,
                 "rule": "markers", "metric": "settlement"}}"""),
                new AlertCard.Context("P-1", "任城", Instant.parse("2026-05-01T16:00:00Z"), ZoneId.of("Asia/Shanghai"), null), true);
        assertThat(card.title()).isEqualTo("【无数据】任城 · 地块 B · 解除");
        assertThat(card.markdown()).doesNotContain("数值").doesNotContain("](").contains("2026-05-02 00:00:00");
        assertThat(card.link()).isNull();
    }

    @Test
    void robotUrlsAreMaskedWhereTheirCredentialSits() {
        assertThat(MessengerKind.mask("https://oapi.dingtalk.com/robot/send?access_token=abc123&x=1"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=****&x=1");
        assertThat(MessengerKind.mask("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=6f4e-11"))
                .isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****");
        assertThat(MessengerKind.mask("https://open.feishu.cn/open-apis/bot/v2/hook/0a1b-2c3d"))
                .isEqualTo("https://open.feishu.cn/open-apis/bot/v2/hook/****");
    }
}

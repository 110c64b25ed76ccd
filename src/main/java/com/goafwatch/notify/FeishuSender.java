package com.goafwatch.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feishu (飞书) custom bot: POST an interactive card ({@code "msg_type": "interactive"}: coloured header, the
 * fields as {@code lark_md}, a button to the parcel on the map) to
 * {@code https://open.feishu.cn/open-apis/bot/v2/hook/…}. With a secret ("签名校验") the body carries
 * {@code "timestamp"} (seconds, as a string) and {@code "sign"} = base64(HMAC-SHA256(key = timestamp + "\n" +
 * secret, message = empty)) — Feishu open platform, custom bot guide; within an hour of Feishu's clock.
 * Success is {@code code} 0 ({@code StatusCode} 0 on older deployments).
 */
@Component
class FeishuSender implements Sender {

    private final MessengerHttp http;
    private final MessengerContext context;
    private final ObjectMapper mapper;

    FeishuSender(MessengerHttp http, MessengerContext context, ObjectMapper mapper) {
        this.http = http;
        this.context = context;
        this.mapper = mapper;
    }

    @Override
    public boolean handles(String kind) {
        return "feishu".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        JsonNode payload = mapper.readTree(payloadJson);
        AlertCard card = AlertCard.of(payload, context.of(payload), "zh".equals(channel.language()));
        ObjectNode body = mapper.createObjectNode();
        if (channel.hasSecret()) {
            long timestamp = Instant.now().getEpochSecond();
            body.put("timestamp", String.valueOf(timestamp)).put("sign", sign(channel.secret(), timestamp));
        }
        body.put("msg_type", "interactive");
        ObjectNode c = body.putObject("card");
        c.putObject("config").put("wide_screen_mode", true);
        ObjectNode header = c.putObject("header");
        header.putObject("title").put("tag", "plain_text").put("content", card.title());
        header.put("template", template(card.level()));
        ArrayNode elements = c.putArray("elements");
        StringBuilder fields = new StringBuilder();
        for (String[] line : card.lines()) {
            fields.append("**").append(line[0]).append("**: ").append(line[1]).append('\n');
        }
        elements.addObject().put("tag", "div").putObject("text").put("tag", "lark_md").put("content", fields.toString().strip());
        if (card.link() != null) {
            ObjectNode button = elements.addObject().put("tag", "action").putArray("actions").addObject().put("tag", "button")
                    .put("url", card.link()).put("type", "primary");
            button.putObject("text").put("tag", "plain_text").put("content", card.linkText());
        }
        http.post(URI.create(channel.url()), mapper.writeValueAsString(body), "code", "StatusCode");
    }

    /** Feishu header colours of the four warning levels. */
    private static String template(String level) {
        return level == null ? "grey" : switch (level) {
            case "red" -> "red";
            case "orange" -> "orange";
            case "yellow" -> "yellow";
            case "blue" -> "blue";
            default -> "grey";
        };
    }

    static String sign(String secret, long timestampSeconds) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
    }
}

package com.goafwatch.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * DingTalk (钉钉) custom group robot: POST {@code {"msgtype": "markdown", "markdown": {"title", "text"}}} to the
 * robot's URL ({@code https://oapi.dingtalk.com/robot/send?access_token=…}). With a secret ("加签"), the
 * request adds {@code &timestamp=<ms>&sign=<s>} where s = urlEncode(base64(HMAC-SHA256(key = secret,
 * message = timestamp + "\n" + secret))) — DingTalk open platform, custom robot security settings; the
 * timestamp must be within an hour of DingTalk's clock. Success is {@code errcode} 0.
 */
@Component
class DingTalkSender implements Sender {

    private final MessengerHttp http;
    private final MessengerContext context;
    private final ObjectMapper mapper;

    DingTalkSender(MessengerHttp http, MessengerContext context, ObjectMapper mapper) {
        this.http = http;
        this.context = context;
        this.mapper = mapper;
    }

    @Override
    public boolean handles(String kind) {
        return "dingtalk".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        JsonNode payload = mapper.readTree(payloadJson);
        AlertCard card = AlertCard.of(payload, context.of(payload), "zh".equals(channel.language()));
        ObjectNode body = mapper.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("title", card.title()).put("text", card.markdown());
        String url = channel.url();
        if (channel.hasSecret()) {
            long timestamp = Instant.now().toEpochMilli();
            url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign(channel.secret(), timestamp);
        }
        http.post(URI.create(url), mapper.writeValueAsString(body), "errcode");
    }

    static String sign(String secret, long timestampMs) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((timestampMs + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
    }
}

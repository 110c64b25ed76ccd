package com.goafwatch.notify;

import java.net.URI;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeCom (企业微信) group robot: POST {@code {"msgtype": "markdown", "markdown": {"content"}}} to
 * {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}; the key in the URL is the only credential
 * (no signing). The level is coloured with WeCom's {@code <font color="warning|comment|info">}. Success is
 * {@code errcode} 0 (WeCom developer documentation, 群机器人配置说明).
 */
@Component
class WeComSender implements Sender {

    private final MessengerHttp http;
    private final MessengerContext context;
    private final ObjectMapper mapper;

    WeComSender(MessengerHttp http, MessengerContext context, ObjectMapper mapper) {
        this.http = http;
        this.context = context;
        this.mapper = mapper;
    }

    @Override
    public boolean handles(String kind) {
        return "wecom".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        JsonNode payload = mapper.readTree(payloadJson);
        AlertCard card = AlertCard.of(payload, context.of(payload), "zh".equals(channel.language()));
        String colour = card.level() == null ? "comment" : switch (card.level()) {
            case "red", "orange" -> "warning";
            case "yellow" -> "info";
            default -> "comment";
        };
        String content = "<font color=\"" + colour + "\">" + card.title() + "</font>\n"
                + card.markdown().substring(card.markdown().indexOf("\n\n") + 2);
        ObjectNode body = mapper.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("content", content);
        http.post(URI.create(channel.url()), mapper.writeValueAsString(body), "errcode");
    }
}

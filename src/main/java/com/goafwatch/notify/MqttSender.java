package com.goafwatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Publishes to {@code topic/<level>} ({@code topic/no_data} for missing data) with QoS 1, so the broker
 * acknowledges each message; one connection per broker, reconnected when lost. The outbox, not the MQTT
 * client, is the durable store: an unacknowledged publish stays pending and is retried. The broker's address is
 * checked by {@link DeliveryAddressGuard} before each connection; a {@code tcp://} broker is then reached at the checked
 * address itself. An {@code ssl://} broker is reached by name (its certificate names it), so there a name that changes
 * its answer within the milliseconds between check and connect is not caught; it would receive a TLS handshake only.
 */
@Component
class MqttSender implements Sender, DisposableBean {

    private final NotifyProperties properties;
    private final DeliveryAddressGuard guard;
    private final Map<String, MqttClient> clients = new ConcurrentHashMap<>();

    MqttSender(NotifyProperties properties, DeliveryAddressGuard guard) {
        this.properties = properties;
        this.guard = guard;
    }

    @Override
    public boolean handles(String kind) {
        return "mqtt".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        MqttClient client = connected(channel.url());
        MqttMessage message = new MqttMessage(payloadJson.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            client.publish(channel.topic() + "/" + (level == null ? "no_data" : level), message);
        } catch (MqttException e) {
            clients.remove(channel.url());
            closeQuietly(client);
            throw e;
        }
    }

    private MqttClient connected(String broker) throws MqttException {
        MqttClient client = clients.get(broker);
        if (client != null && client.isConnected()) {
            return client;
        }
        if (client != null) {
            clients.remove(broker);
            closeQuietly(client);
        }
        java.net.URI url = java.net.URI.create(broker);
        java.net.InetAddress[] checked;
        try {
            checked = guard.check(url.getHost(), DeliveryAddressGuard.port(url));
        } catch (DeliveryAddressGuard.Refused e) {
            throw new MqttException(new IllegalStateException(e.getMessage()));
        }
        String target = "tcp".equals(url.getScheme()) ? "tcp://" + literal(checked[0]) + ":" + DeliveryAddressGuard.port(url) : broker;
        MqttClient fresh = new MqttClient(target, "goafwatch-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout((int) Math.max(1, properties.timeout().toSeconds()));
        options.setAutomaticReconnect(false);
        fresh.setTimeToWait(properties.timeout().toMillis());
        fresh.connect(options);
        clients.put(broker, fresh);
        return fresh;
    }

    private static String literal(java.net.InetAddress address) {
        return address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    private static void closeQuietly(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException ignored) {
            // the connection is being thrown away anyway
        }
    }

    @Override
    public void destroy() {
        clients.values().forEach(MqttSender::closeQuietly);
        clients.clear();
    }
}

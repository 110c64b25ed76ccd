package com.goafwatch.notify;

/** Hands one message to one channel; throws when the receiver did not take it (the dispatcher retries). */
interface Sender {

    boolean handles(String kind);

    void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception;
}

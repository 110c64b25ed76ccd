package com.goafwatch.timeseries;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host name of this instance (a pod's or container's name), for status rows and lock holders. */
final class InstanceName {

    private InstanceName() {
    }

    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

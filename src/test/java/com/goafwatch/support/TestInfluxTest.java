package com.goafwatch.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.Test;

/**
 * The test servers' start-up must notice an influxd that died on a taken port (CI once waited 120 s
 * for one and failed a test), and ports must come from outside the kernel's ephemeral range, where
 * outgoing connections take them.
 */
class TestInfluxTest {

    @Test
    void anInfluxdThatCannotBindItsPortIsReportedWithItsOwnErrorNotAfterTheDeadline() throws Exception {
        TestInflux server = TestInflux.startNew();
        int port = URI.create(server.url()).getPort();
        server.stop();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            // a restarted server keeps its address, so all tries meet the squatter and each exits
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited 3 times before listening").hasMessageContaining("address already in use");
        }
        server.start();
        assertThat(server.ping()).as("back on its own port once the port is free").isTrue();
        server.stop();
    }

    @Test
    void portsComeFromBelowTheEphemeralRangeAndAreBindable() throws Exception {
        // readAllLines, not readString: procfs reports size 0 and readString then returns one character
        String[] range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                .split("\\s+");
        int lowestEphemeral = Integer.parseInt(range[0]);
        for (int i = 0; i < 20; i++) {
            int port = Ports.free();
            assertThat(port).isLessThan(lowestEphemeral).isGreaterThan(1024);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}

package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which receivers a notification may reach; expected kinds from the IANA special-purpose address registries (RFC 6890). */
class DeliveryAddressGuardTest {

    private static final List<URI> OWN = List.of(URI.create("pg://db.internal:5432"), URI.create("influx://127.0.0.1:8186"));

    private static DeliveryAddressGuard guard(List<String> allowed, Map<String, String[]> dns) {
        return new DeliveryAddressGuard(allowed, OWN, host -> {
            String[] answer = dns.get(host);
            if (answer == null) {
                return InetAddress.getAllByName(host); // literals only in these tests
            }
            InetAddress[] out = new InetAddress[answer.length];
            for (int i = 0; i < answer.length; i++) {
                out[i] = InetAddress.getByName(answer[i]);
            }
            return out;
        });
    }

    @ParameterizedTest
    @CsvSource(nullValues = "public", value = {
            "127.0.0.1, loopback", "127.9.9.9, loopback", "::1, loopback", "0.0.0.0, unspecified", "::, unspecified",
            "169.254.169.254, link-local", "fe80::1, link-local", "10.1.2.3, private", "172.16.0.1, private",
            "172.31.255.255, private", "192.168.1.1, private", "fd12:3456::1, unique-local", "fc00::1, unique-local",
            "100.64.0.1, carrier-grade NAT", "100.127.255.254, carrier-grade NAT", "224.0.0.1, multicast",
            "255.255.255.255, reserved or broadcast", "0.1.2.3, this-network", "198.18.0.1, benchmarking",
            "172.32.0.1, public", "100.128.0.1, public", "8.8.8.8, public", "203.0.114.1, public", "2001:4860::8888, public"})
    void internalAddressesAreNamed(String address, String kind) throws Exception {
        assertThat(DeliveryAddressGuard.internalKind(InetAddress.getByName(address))).isEqualTo(kind);
    }

    @Test
    void ownDatabasesAreRefusedEvenWhenAllowListed() throws Exception {
        DeliveryAddressGuard g = guard(List.of("127.0.0.1", "10.0.0.0/8"), Map.of("db.internal", new String[] {"10.0.0.5"},
                "localhost", new String[] {"127.0.0.1"}));
        assertThatThrownBy(() -> g.check("127.0.0.1", 8186)).hasMessageContaining("own database");
        assertThatThrownBy(() -> g.check("localhost", 8186)).as("another name for it").hasMessageContaining("own database");
        assertThatThrownBy(() -> g.check("10.0.0.5", 5432)).hasMessageContaining("own database");
        assertThat(g.check("127.0.0.1", 9000)).as("another port on an allowed address").hasSize(1);
        assertThat(g.check("10.0.0.5", 80)).hasSize(1);
    }

    @Test
    void theAllowListTakesNamesAndBlocks() throws Exception {
        DeliveryAddressGuard none = guard(List.of(), Map.of("hooks.site.lan", new String[] {"192.168.7.20"}));
        assertThatThrownBy(() -> none.check("hooks.site.lan", 443)).hasMessageContaining("192.168.7.20, a private address")
                .hasMessageContaining("goafwatch.notify.allowed-hosts");
        assertThat(guard(List.of("HOOKS.site.lan"), Map.of("hooks.site.lan", new String[] {"192.168.7.20"})).check("hooks.site.lan", 443))
                .hasSize(1);
        assertThat(guard(List.of("192.168.7.0/24"), Map.of("hooks.site.lan", new String[] {"192.168.7.20"})).check("hooks.site.lan", 443))
                .hasSize(1);
        assertThatThrownBy(() -> guard(List.of("192.168.7.0/24"), Map.of("hooks.site.lan", new String[] {"192.168.7.20", "10.0.0.1"}))
                .check("hooks.site.lan", 443)).as("every address must pass").hasMessageContaining("10.0.0.1");
        assertThatThrownBy(() -> guard(List.of("10.0.0.0/99"), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnswerCheckedIsTheAnswerUsed() throws Exception {
        // a rebinding name: public at the first lookup, loopback at the second
        Deque<String> answers = new ArrayDeque<>(List.of("93.184.216.34", "127.0.0.1"));
        DeliveryAddressGuard g = new DeliveryAddressGuard(List.of(), OWN, host -> new InetAddress[] {InetAddress.getByName(answers.pop())});
        InetAddress[] first = g.check("rebind.example", 443);
        assertThat(first[0].getHostAddress()).isEqualTo("93.184.216.34");
        assertThatThrownBy(() -> g.check("rebind.example", 443)).hasMessageContaining("loopback");
    }

    @Test
    void channelCreationRefusesLiteralInternalAddresses() {
        DeliveryAddressGuard g = guard(List.of(), Map.of());
        assertThat(g.refusalOfLiteral(URI.create("http://169.254.169.254/latest/meta-data"))).get().asString().contains("link-local");
        assertThat(g.refusalOfLiteral(URI.create("http://[::1]:8080/x"))).get().asString().contains("loopback");
        assertThat(g.refusalOfLiteral(URI.create("http://localhost:9000/x"))).isPresent();
        assertThat(g.refusalOfLiteral(URI.create("tcp://10.0.0.9:1883"))).isPresent();
        assertThat(g.refusalOfLiteral(URI.create("https://hooks.example.com/x"))).as("names are checked at delivery").isEmpty();
        assertThat(g.refusalOfLiteral(URI.create("https://8.8.8.8/x"))).isEmpty();
    }

    @Test
    void anUnknownNameIsRefused() {
        DeliveryAddressGuard g = new DeliveryAddressGuard(List.of(), OWN, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> g.check("nowhere.invalid", 80)).hasMessageContaining("unknown host");
    }
}

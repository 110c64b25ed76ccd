package com.goafwatch.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides which addresses a notification may be delivered to, so a channel cannot make the service call its own
 * databases or the internal network (server-side request forgery). At delivery time the receiver's name is resolved
 * and every address checked; the sender then connects to exactly those addresses (never resolving again), so a name
 * that changes its answer between check and connect (DNS rebinding) gains nothing.
 *
 * <p>Refused: the service's own PostgreSQL and InfluxDB endpoints (always), and, unless the receiver's name or every
 * address is listed in {@code goafwatch.notify.allowed-hosts}, loopback, link-local (cloud metadata), private,
 * unique-local, carrier-grade NAT, unspecified, multicast and broadcast addresses.
 */
@Component
class DeliveryAddressGuard {

    /** How a name becomes addresses; the system resolver in the service, a table in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a receiver was refused: stored as the delivery's last error. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private final List<String> allowedNames = new ArrayList<>();
    private final List<Cidr> allowedBlocks = new ArrayList<>();
    private final List<URI> ownEndpoints;
    private final Resolver resolver;

    @org.springframework.beans.factory.annotation.Autowired
    DeliveryAddressGuard(NotifyProperties properties, @Value("${spring.datasource.url:}") String jdbcUrl,
            @Value("${goafwatch.influx.url:}") String influxUrl) {
        this(properties.allowedHosts(), ownEndpoints(jdbcUrl, influxUrl), InetAddress::getAllByName);
    }

    DeliveryAddressGuard(List<String> allowedHosts, List<URI> ownEndpoints, Resolver resolver) {
        for (String entry : allowedHosts) {
            Optional<Cidr> block = Cidr.parse(entry.trim());
            if (block.isPresent()) {
                allowedBlocks.add(block.get());
            } else if (!entry.isBlank()) {
                allowedNames.add(entry.trim().toLowerCase(Locale.ROOT));
            }
        }
        this.ownEndpoints = ownEndpoints;
        this.resolver = resolver;
    }

    private static List<URI> ownEndpoints(String jdbcUrl, String influxUrl) {
        List<URI> out = new ArrayList<>();
        try {
            if (jdbcUrl.startsWith("jdbc:postgresql://")) {
                URI pg = URI.create("postgresql://" + jdbcUrl.substring("jdbc:postgresql://".length()).split("[/?]")[0]);
                out.add(URI.create("pg://" + pg.getHost() + ":" + (pg.getPort() < 0 ? 5432 : pg.getPort())));
            }
            if (!influxUrl.isBlank()) {
                URI influx = URI.create(influxUrl);
                out.add(URI.create("influx://" + influx.getHost() + ":" + (influx.getPort() < 0 ? 8086 : influx.getPort())));
            }
        } catch (IllegalArgumentException e) {
            // an unparsable database URL fails elsewhere, loudly
        }
        return out;
    }

    /** The addresses to connect to for {@code host}:{@code port}, all checked; the caller must connect to these only. */
    InetAddress[] check(String host, int port) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("unknown host " + host);
        }
        boolean nameAllowed = allowedNames.contains(host.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            if (isOwnDatabase(address, port)) {
                throw new Refused(host + ":" + port + " is this service's own database (" + address.getHostAddress() + ")");
            }
            String internal = internalKind(address);
            boolean allowed = nameAllowed || allowedBlocks.stream().anyMatch(b -> b.contains(address));
            if (internal != null && !allowed) {
                throw new Refused(host + " resolves to " + address.getHostAddress() + ", a " + internal
                        + " address; list it in goafwatch.notify.allowed-hosts to deliver there");
            }
        }
        return addresses;
    }

    /** At channel creation: refuse what can be refused without resolving a name (literal addresses, localhost). */
    Optional<String> refusalOfLiteral(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = bare.contains(":") || bare.matches("[0-9.]+") || bare.equalsIgnoreCase("localhost");
        if (!literal) {
            return Optional.empty();
        }
        try {
            check(bare, port(url));
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return switch (url.getScheme() == null ? "" : url.getScheme()) {
            case "https" -> 443;
            case "ssl" -> 8883;
            case "tcp" -> 1883;
            default -> 80;
        };
    }

    private boolean isOwnDatabase(InetAddress address, int port) {
        for (URI endpoint : ownEndpoints) {
            if (endpoint.getPort() != port) {
                continue;
            }
            try {
                for (InetAddress own : resolver.resolve(endpoint.getHost())) {
                    // a database on loopback or on every interface answers on any local address
                    if (own.equals(address) || (isLocal(own) && isLocal(address))) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // the database's name does not resolve now: nothing to compare with
            }
        }
        return false;
    }

    private static boolean isLocal(InetAddress a) {
        return a.isLoopbackAddress() || a.isAnyLocalAddress();
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internalKind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "this-network";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first >= 240) {
                return "reserved or broadcast";
            }
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        return null;
    }

    /** An address block such as {@code 10.20.0.0/16}, {@code fd00::/8} or a single address. */
    record Cidr(byte[] network, int bits) {

        static Optional<Cidr> parse(String text) {
            String[] parts = text.split("/", 2);
            if (!parts[0].matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
                return Optional.empty(); // a host name
            }
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("goafwatch.notify.allowed-hosts: bad prefix length in " + text);
                }
                return Optional.of(new Cidr(address, bits));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("goafwatch.notify.allowed-hosts: '" + text + "' is neither a host name nor an "
                        + "address block", e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}

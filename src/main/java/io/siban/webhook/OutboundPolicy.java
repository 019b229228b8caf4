package io.siban.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the service may send a webhook (pure, given the addresses a host resolved to): http or https
 * only, no user-info, no fragment, and every address of the host inside the allow-list (host names,
 * single addresses or CIDR networks), never link-local or the cloud metadata addresses, whatever the
 * list says. Receivers usually live on an internal network, so the default list is loopback and the
 * private ranges; a public receiver must be listed by name or address.
 */
public final class OutboundPolicy {
    /** Refused even when listed: link-local (the metadata endpoints 169.254.169.254, fd00:ec2::254 sit here or are named below). */
    static final List<String> ALWAYS_REFUSED = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "0.0.0.0/8", "::/128",
            "100.100.100.200/32", "168.63.129.16/32", "192.0.0.192/32");
    public static final List<String> DEFAULT_ALLOWED = List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "fc00::/7");

    private final List<String> hosts = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<Network> refused = new ArrayList<>();
    private final Set<Integer> allowedPorts;
    private final Set<Integer> ownPorts;
    private final Predicate<InetAddress> local;

    /** A target that passed the syntax check: what to connect to and what to ask for. */
    public record Target(URI uri, boolean tls, String host, int port, String requestUri) {
    }

    public OutboundPolicy(List<String> allowed) {
        this(allowed, Set.of(), Set.of(), InetAddress::isLoopbackAddress);
    }

    /**
     * @param allowedPorts the only ports that may be called, or empty for any
     * @param ownPorts     the service's own HTTP and management ports, never called on an address of this machine
     * @param local        whether an address is this machine's
     */
    public OutboundPolicy(List<String> allowed, Set<Integer> allowedPorts, Set<Integer> ownPorts, Predicate<InetAddress> local) {
        this.allowedPorts = Set.copyOf(allowedPorts);
        this.ownPorts = Set.copyOf(ownPorts);
        this.local = local;
        for (String entry : allowed) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || isLiteral(e)) {
                networks.add(Network.parse(e.contains("/") ? e : e + (e.contains(":") ? "/128" : "/32")));
            } else {
                hosts.add(e);
            }
        }
        ALWAYS_REFUSED.forEach(n -> refused.add(Network.parse(n)));
    }

    /** The URL's form: throws {@link IllegalArgumentException} saying what is wrong. */
    public static Target target(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a URL is required");
        }
        if (url.length() > 2000) {
            throw new IllegalArgumentException("the URL is longer than 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs are accepted");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new IllegalArgumentException("a URL with credentials (user:password@) is refused");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a URL with a fragment (#...) is refused");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 1 and 65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(uri, tls, host.toLowerCase(Locale.ROOT), port, requestUri);
    }

    /** Why the host with these addresses may not be called on any port it allows, or null when it may. */
    public String refusal(String host, List<InetAddress> addresses) {
        return refusal(host, -1, addresses);
    }

    /**
     * Why the host with these addresses may not be called on this port, or null when it may (every
     * address must pass). An IPv6 address carrying an IPv4 one (mapped, NAT64 64:ff9b::/96, 6to4
     * 2002::/16, IPv4-compatible ::/96) is judged as the IPv4 address it reaches.
     */
    public String refusal(String host, int port, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            return "the host '" + host + "' has no address";
        }
        if (port != -1 && !allowedPorts.isEmpty() && !allowedPorts.contains(port)) {
            return "the port " + port + " is not in siban.webhooks.allowed-ports";
        }
        boolean namedHost = hosts.contains(host.toLowerCase(Locale.ROOT));
        for (InetAddress given : addresses) {
            InetAddress address = carried(given);
            if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || refused.stream().anyMatch(n -> n.contains(address))) {
                return "the address " + given.getHostAddress() + " (link-local, metadata or unspecified) is never called";
            }
            if (!namedHost && networks.stream().noneMatch(n -> n.contains(address))) {
                return "the address " + given.getHostAddress() + " of '" + host + "' is not in siban.webhooks.allowed-networks";
            }
            if (ownPorts.contains(port) && (address.isLoopbackAddress() || local.test(given) || local.test(address))) {
                return "the port " + port + " of this machine is the service's own";
            }
        }
        return null;
    }

    /** The IPv4 address an IPv6 one carries (NAT64, 6to4, IPv4-compatible), or the address itself. */
    static InetAddress carried(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != 16) {
            return address;
        }
        boolean nat64 = a[0] == 0x00 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b && zero(a, 4, 12);
        boolean sixToFour = a[0] == 0x20 && a[1] == 0x02;
        boolean compatible = zero(a, 0, 12) && !zero(a, 12, 15);
        int from = sixToFour ? 2 : nat64 || compatible ? 12 : -1;
        try {
            return from < 0 ? address : InetAddress.getByAddress(Arrays.copyOfRange(a, from, from + 4));
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** A CIDR network. */
    record Network(byte[] prefix, int bits) {
        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = cidr.substring(0, slash);
            if (!isLiteral(address)) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network (address/bits)");
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int bits = Integer.parseInt(cidr.substring(slash + 1));
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + cidr + "' has a prefix length out of range");
                }
                return new Network(bytes, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network (address/bits)");
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                // an IPv4-mapped IPv6 address is judged as the IPv4 address it carries
                if (a.length == 16 && prefix.length == 4 && isMapped(a)) {
                    a = java.util.Arrays.copyOfRange(a, 12, 16);
                } else {
                    return false;
                }
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (prefix[full] & mask);
        }

        private static boolean isMapped(byte[] a) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return false;
                }
            }
            return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
        }
    }
}

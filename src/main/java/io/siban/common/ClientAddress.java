package io.siban.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address as rate limits key it: the peer address, which honours Quarkus'
 * {@code quarkus.http.proxy.*} forwarding settings when they are enabled; an IPv6 address is reduced
 * to its /64 prefix, the block one subscriber usually holds.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        String host = remote == null ? null : remote.hostAddress();
        if (host == null || host.isBlank()) {
            return "unknown";
        }
        if (host.indexOf(':') < 0) {
            return host;
        }
        String[] groups = expand(host).split(":");
        return groups.length < 4 ? host : String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }

    private static String expand(String ipv6) {
        String address = ipv6.startsWith("[") ? ipv6.substring(1, ipv6.length() - 1) : ipv6;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (!address.contains("::")) {
            return address;
        }
        String[] halves = address.split("::", -1);
        int present = (halves[0].isEmpty() ? 0 : halves[0].split(":").length) + (halves[1].isEmpty() ? 0 : halves[1].split(":").length);
        StringBuilder zeros = new StringBuilder();
        for (int i = present; i < 8; i++) {
            zeros.append(zeros.length() == 0 ? "0" : ":0");
        }
        return (halves[0].isEmpty() ? "" : halves[0] + ":") + zeros + (halves[1].isEmpty() ? "" : ":" + halves[1]);
    }
}

package io.siban.common.web;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;

/**
 * The client address that per-client limits count against. It is the peer address of the request,
 * which is the forwarded one only when {@code quarkus.http.proxy.*} forwarding is enabled (and then
 * only from the trusted proxies). An IPv6 client usually holds a whole /64, so it counts as its /64.
 */
public final class ClientAddress {
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        String host = remote == null ? null : remote.hostAddress();
        return host == null || host.isBlank() ? "unknown" : normalize(host);
    }

    static String normalize(String host) {
        String address = host.trim();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (NetUtil.isValidIpV4Address(address)) {
            return address;
        }
        // parsed without any name lookup
        Inet6Address ip = NetUtil.isValidIpV6Address(address) ? NetUtil.getByName(address) : null;
        if (ip != null) {
            byte[] bytes = ip.getAddress();
            if (ipv4Mapped(bytes)) {
                return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        // a forwarded identifier that is no address ("unknown", "_hidden"): kept, but only harmless characters
        String safe = address.replaceAll("[^A-Za-z0-9._:-]", "_");
        return safe.isEmpty() ? "unknown" : safe.substring(0, Math.min(safe.length(), MAX_LENGTH));
    }

    private static boolean ipv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}

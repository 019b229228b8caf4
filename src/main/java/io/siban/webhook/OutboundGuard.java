package io.siban.webhook;

import io.siban.common.Offload;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a webhook URL against {@link OutboundPolicy} with the host's addresses resolved now, and names
 * the address that passed: the sender connects to that very address (the Host header and TLS name stay
 * the URL's), so a name that resolves elsewhere between check and connect (DNS rebinding) changes nothing.
 * Used when a subscription is made and before every attempt.
 */
@Singleton
public class OutboundGuard {

    /** A URL that may be called, and the checked address to connect to. */
    public record Checked(OutboundPolicy.Target target, InetAddress address) {
    }

    /** Where the service's own HTTP and management interfaces listen (test ports are set once they are bound). */
    static final List<String> OWN_PORTS = List.of("quarkus.http.port", "quarkus.http.test-port", "quarkus.http.ssl-port",
            "quarkus.http.test-ssl-port", "quarkus.management.port", "quarkus.management.test-port");

    private final WebhookConfig config;
    private volatile OutboundPolicy policy;
    private volatile Set<Integer> policyPorts;

    @Inject
    public OutboundGuard(WebhookConfig config) {
        this.config = config;
        policy = new OutboundPolicy(config.allowedNetworks(), Set.copyOf(config.allowedPorts().orElse(List.of())), Set.of(), OutboundGuard::isLocal);
        policyPorts = Set.of();
    }

    /** The policy with the service's ports as they are now (a random test port is only known once bound). */
    private OutboundPolicy policy() {
        Set<Integer> own = new HashSet<>();
        for (String key : OWN_PORTS) {
            String value = System.getProperty(key);
            Optional<Integer> port = value != null ? parse(value) : ConfigProvider.getConfig().getOptionalValue(key, String.class).flatMap(OutboundGuard::parse);
            port.filter(p -> p > 0).ifPresent(own::add);
        }
        OutboundPolicy current = policy;
        if (current == null || !own.equals(policyPorts)) {
            current = new OutboundPolicy(config.allowedNetworks(), Set.copyOf(config.allowedPorts().orElse(List.of())), own, OutboundGuard::isLocal);
            policy = current;
            policyPorts = own;
        }
        return current;
    }

    private static Optional<Integer> parse(String value) {
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    /** The checked URL, or a failure ({@link IllegalArgumentException}) saying why it may not be called. */
    public Uni<Checked> check(String url) {
        OutboundPolicy.Target target;
        try {
            target = OutboundPolicy.target(url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<List<InetAddress>> addresses = OutboundPolicy.isLiteral(target.host())
                ? Uni.createFrom().item(() -> resolve(target.host()))
                : Offload.cpu(() -> resolve(target.host()));
        return addresses.map(found -> {
            String refusal = policy().refusal(target.host(), target.port(), found);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            return new Checked(target, found.get(0));
        });
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the host '" + host + "' cannot be resolved");
        }
    }
}

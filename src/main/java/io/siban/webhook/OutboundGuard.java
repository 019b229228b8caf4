package io.siban.webhook;

import io.siban.common.Offload;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a webhook URL against {@link OutboundPolicy} with the host's addresses resolved now, and names
 * the address that passed: the sender connects to that very address (the Host header and TLS name stay
 * the URL's), so a name that resolves elsewhere between check and connect (DNS rebinding) changes nothing.
 * Used when a subscription is made and before every attempt.
 */
@Singleton
public class OutboundGuard {
    private final OutboundPolicy policy;

    /** A URL that may be called, and the checked address to connect to. */
    public record Checked(OutboundPolicy.Target target, InetAddress address) {
    }

    @Inject
    public OutboundGuard(WebhookConfig config) {
        this.policy = new OutboundPolicy(config.allowedNetworks());
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
            String refusal = policy.refusal(target.host(), found);
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

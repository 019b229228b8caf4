package io.siban.webhook;

import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.PageResult;
import io.siban.security.Caller;
import io.siban.webhook.dto.DeliveryView;
import io.siban.webhook.dto.WebhookCreated;
import io.siban.webhook.dto.WebhookRequest;
import io.siban.webhook.dto.WebhookView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Subscriptions and their delivery logs, for admins (the resource checks the role). */
@ApplicationScoped
public class Webhooks {
    static final int MAX_EVENTS = 20;
    static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED", "DEAD");

    @Inject
    WebhookStore store;
    @Inject
    OutboundGuard guard;
    @Inject
    PersonalData sealing;
    @Inject
    Clocks clocks;
    @Inject
    WebhookSender sender;

    public Uni<WebhookCreated> create(Caller caller, WebhookRequest request) {
        if (request == null) {
            throw ProblemException.invalid("url", "a body {url, events, hall?} is required");
        }
        List<String> events = events(request.events());
        String hall = request.hall() == null || request.hall().isBlank() ? null : request.hall().trim();
        if (hall != null && !caller.allows(hall)) {
            throw ProblemException.forbidden("this token may not act on hall '" + hall + "'");
        }
        UUID id = UUID.randomUUID();
        String secret = Signature.newSecret();
        OffsetDateTime now = clocks.now();
        return guard.check(request.url())
                .onFailure(IllegalArgumentException.class).transform(refused -> ProblemException.invalid("url", refused.getMessage()))
                .chain(checked -> hall == null ? Uni.createFrom().item(true) : store.hallExists(hall))
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.invalid("hall", "no hall '" + hall + "'");
                    }
                })
                .chain(() -> store.insert(id, request.url().trim(), events, hall, sealing.seal(secret), caller.actor(), now))
                .map(ignored -> new WebhookCreated(id, request.url().trim(), events, hall, secret, now));
    }

    /** The names, checked: each known (or "*"), at least one, duplicates dropped. */
    static List<String> events(List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            throw ProblemException.invalid("events", "name at least one event, or \"*\" for all");
        }
        if (asked.size() > MAX_EVENTS) {
            throw ProblemException.invalid("events", "at most " + MAX_EVENTS + " names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            String name = asked.get(i);
            if (name == null || !WebhookEvents.known(name.trim())) {
                throw ProblemException.invalid("events[" + i + "]", "unknown event; one of " + String.join(", ", WebhookEvents.NAMES) + " or \"*\"");
            }
            names.add(name.trim());
        }
        return new ArrayList<>(names);
    }

    public Uni<List<WebhookView>> list(String hall) {
        return store.list(hall).map(rows -> {
            List<WebhookView> views = new ArrayList<>();
            rows.forEach(r -> views.add(view(r)));
            return views;
        });
    }

    public Uni<WebhookView> get(UUID id) {
        return store.find(id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("webhook", id.toString());
            }
            return view(row);
        });
    }

    /** Deletes the subscription with its lane and delivery log: pending deliveries are dropped, none is sent after. */
    public Uni<Void> delete(UUID id) {
        return store.delete(id).invoke(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("webhook", id.toString());
            }
            sender.drop(id);
        }).replaceWithVoid();
    }

    public Uni<PageResult<DeliveryView>> deliveries(UUID id, String status, int page, int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "one of PENDING, DELIVERED, FAILED, DEAD");
        }
        return get(id).chain(found -> store.deliveries(id, status, page, size)).map(rows -> {
            List<DeliveryView> items = new ArrayList<>();
            long total = 0;
            for (Row r : rows) {
                total = r.getLong("total");
                items.add(new DeliveryView(r.getLong("id"), WebhookCall.webhookId(r.getLong("id")), r.getLong("event_id"),
                        r.getString("event_type"), r.getString("hall_code"), r.getString("status"), r.getInteger("attempts"),
                        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("last_attempt_at"),
                        "DELIVERED".equals(r.getString("status")) || "DEAD".equals(r.getString("status")) ? null : r.getOffsetDateTime("next_attempt_at"),
                        r.getInteger("last_status"), r.getString("last_error"), r.getOffsetDateTime("delivered_at")));
            }
            return new PageResult<>(items, page, size, total);
        });
    }

    /** Puts a DEAD or DELIVERED delivery back in its lane, with the same webhook-id. */
    public Uni<Void> redeliver(UUID id, long delivery) {
        return store.redeliver(id, delivery, clocks.now()).invoke(before -> {
            if (before == null) {
                throw ProblemException.notFound("webhook delivery", Long.toString(delivery));
            }
            if (!"REDELIVERED".equals(before)) {
                throw ProblemException.conflict("the delivery is " + before + ": it will be sent anyway; only a DEAD or DELIVERED one is redelivered");
            }
            sender.wake();
        }).replaceWithVoid();
    }

    private static WebhookView view(Row r) {
        return new WebhookView(r.getUUID("id"), r.getString("url"), Arrays.asList(r.getArrayOfStrings("events")), r.getString("hall_code"),
                r.getOffsetDateTime("created_at"));
    }
}

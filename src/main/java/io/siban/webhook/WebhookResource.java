package io.siban.webhook;

import io.siban.common.web.PageResult;
import io.siban.common.web.Paging;
import io.siban.common.web.QueryParams;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.siban.webhook.dto.DeliveryView;
import io.siban.webhook.dto.WebhookCreated;
import io.siban.webhook.dto.WebhookRequest;
import io.siban.webhook.dto.WebhookView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Signed webhooks for mobile backends and hall systems (admin): subscriptions, their delivery log, redelivery. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed event deliveries from the outbox (docs/webhooks.md)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {
    static final String VIEW = "{\"id\":\"0b6f3c1e-5d2a-4e8f-9a71-3c2d1e0f4b5a\",\"url\":\"http://10.0.8.15:8443/siban/events\","
            + "\"events\":[\"ticket.issued\",\"ticket.near\",\"ticket.called\"],\"hall\":\"lz-city\",\"createdAt\":\"2026-12-01T09:00:00Z\"}";

    @Inject
    Webhooks webhooks;
    @Inject
    HallAccess access;

    @POST
    @Operation(summary = "Subscribe a URL to events; the signing secret is answered this once",
            description = "Admin. The URL must be http or https, without user-info or fragment, and its host's addresses inside "
                    + "siban.webhooks.allowed-networks (default: loopback and private ranges); link-local and metadata addresses are "
                    + "always refused. Events: ticket.issued, ticket.called, ticket.near, ticket.finished, case.accepted, "
                    + "case.transitioned, case.card, rating.bad, rectification.overdue, appointment.booked, appointment.cancelled, appointment.checked_in (with the ticket's id), appointment.missed, or \"*\". "
                    + "Without hall, every hall's events. Deliveries start with the events after the subscription.")
    @APIResponse(responseCode = "201", description = "subscribed, with the secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookCreated.class), examples = @ExampleObject(name = "created",
            value = "{\"id\":\"0b6f3c1e-5d2a-4e8f-9a71-3c2d1e0f4b5a\",\"url\":\"http://10.0.8.15:8443/siban/events\","
                    + "\"events\":[\"ticket.issued\",\"ticket.near\"],\"hall\":\"lz-city\","
                    + "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw2c0pTLJKqVY=\",\"createdAt\":\"2026-12-01T09:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "a refused URL (url), an unknown event (events[i]) or hall (hall)")
    @APIResponse(responseCode = "403", description = "the hall is not this admin's")
    public Uni<Response> subscribe(WebhookRequest request) {
        return webhooks.create(access.caller(), request)
                .map(created -> Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build());
    }

    @GET
    @Operation(summary = "List webhook subscriptions (never their secrets)")
    @APIResponse(responseCode = "200", description = "the subscriptions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "list", value = "[" + VIEW + "]")))
    public Uni<List<WebhookView>> list(@QueryParam("hall") String hall) {
        return webhooks.list(hall);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One webhook subscription (without its secret)")
    @APIResponse(responseCode = "200", description = "the subscription", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "webhook", value = VIEW)))
    @APIResponse(responseCode = "404", description = "no such subscription")
    public Uni<WebhookView> get(@PathParam("id") UUID id) {
        return webhooks.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription: nothing more is sent, pending deliveries and the log are dropped")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such subscription")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return webhooks.delete(id).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "A subscription's delivery log, newest first",
            description = "status: PENDING, DELIVERED, FAILED (retrying) or DEAD. lastError holds at most 500 characters; answers are never stored beyond that.")
    @APIResponse(responseCode = "200", description = "a page of deliveries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "log", value = "{\"items\":[{\"id\":4211,\"webhookId\":\"msg_4211\",\"eventId\":981234,"
                    + "\"eventType\":\"ticket.called\",\"hall\":\"lz-city\",\"status\":\"FAILED\",\"attempts\":3,"
                    + "\"createdAt\":\"2026-12-01T09:00:00Z\",\"lastAttemptAt\":\"2026-12-01T09:00:31Z\",\"nextAttemptAt\":\"2026-12-01T09:00:50Z\","
                    + "\"lastStatus\":503,\"lastError\":\"HTTP 503: upstream unavailable\",\"deliveredAt\":null}],\"page\":0,\"size\":50,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "a bad status, page or size (named)")
    @APIResponse(responseCode = "404", description = "no such subscription")
    public Uni<PageResult<DeliveryView>> deliveries(@PathParam("id") UUID id, @QueryParam("status") String status,
                                                    @QueryParam("page") String page, @QueryParam("size") String size) {
        int pageNumber = QueryParams.integer("page", page, 0);
        int pageSize = QueryParams.integer("size", size, 50);
        Paging.check(pageNumber, pageSize);
        return webhooks.deliveries(id, status == null || status.isBlank() ? null : status.trim().toUpperCase(java.util.Locale.ROOT), pageNumber, pageSize);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a DEAD or DELIVERED delivery again, with the same webhook-id",
            description = "It goes back in its subscription's lane as PENDING with a fresh 24 h of retries, ahead of newer deliveries.")
    @APIResponse(responseCode = "202", description = "queued again")
    @APIResponse(responseCode = "404", description = "no such subscription or delivery")
    @APIResponse(responseCode = "409", description = "the delivery is still pending or retrying")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") long deliveryId) {
        return webhooks.redeliver(id, deliveryId).map(ignored -> Response.accepted().build());
    }
}

package io.siban.live;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/halls/{hall}/board")
@Tag(name = "Hall screens", description = "The live board and its event stream (public)")
public class BoardResource {
    @Inject
    LiveView live;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Now calling per window, waiting per queue, estimates and today's counts (public)")
    public Uni<BoardView> board(@PathParam("hall") String hall) {
        return live.board(hall);
    }
}

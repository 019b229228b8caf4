package io.siban.screens;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hall screens: plain pages that use only the public HTTP API and the event stream. The page
 * reads the hall from its own address.
 */
@Path("/")
public class ScreenPages {
    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();

    @GET
    @Path("{screen: board|kiosk|supervisor|scorecard}/{hall}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String hallScreen(@PathParam("screen") String screen) {
        return page(screen + ".html");
    }

    @GET
    @Path("window/{hall}/{number}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String windowConsole() {
        return page("window.html");
    }

    /** The citizen trackers: {@code /t/<ticket id>} and {@code /c/<case number>?code=}. */
    @GET
    @Path("{tracker: t|c}/{id}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String tracker() {
        return page("tracker.html");
    }

    /**
     * The citizen's rating page (好差评): {@code /rate/ticket/<ticket id>?key=} and
     * {@code /rate/case/<case number>?code=}; the key or code stays in the query, for the page's script.
     */
    @GET
    @Path("rate/{subject: ticket|case}/{id}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String ratingPage() {
        return page("rate.html");
    }

    @GET
    @Path("web/{file}")
    @PermitAll
    @Operation(hidden = true)
    public jakarta.ws.rs.core.Response asset(@PathParam("file") String file) {
        if (!file.matches("[a-z0-9-]+\\.(js|css|html)")) {
            throw new NotFoundException();
        }
        String type = file.endsWith(".js") ? "text/javascript; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8"
                : "text/html; charset=utf-8";
        return jakarta.ws.rs.core.Response.ok(page(file), type).header("Cache-Control", "no-cache").build();
    }

    private static String page(String name) {
        return PAGES.computeIfAbsent(name, n -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("web/" + n)) {
                if (in == null) {
                    throw new NotFoundException();
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

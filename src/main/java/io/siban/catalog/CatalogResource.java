package io.siban.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.siban.catalog.dto.CatalogSummary;
import io.siban.catalog.dto.ImportResult;
import io.siban.catalog.dto.ItemRequest;
import io.siban.catalog.dto.ItemView;
import io.siban.common.web.PageResult;
import io.siban.common.web.Paging;
import io.siban.common.web.QueryParams;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.siban.common.problem.ProblemException;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/items")
@Tag(name = "Catalogue", description = "Service items (事项) and the four commitment lists (四办四清单)")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {
    static final int MAX_IMPORT_ROWS = 5000;

    @Inject
    CatalogService catalog;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a service item")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "409", description = "an item with this code exists")
    public Uni<Response> create(@RequestBody(content = @Content(examples = @ExampleObject(name = "time-limited", value = """
            {"code": "ENV-EIA-01", "name": "建设项目环境影响评价审批", "department": "生态环境局", "level": "CITY",
             "category": "TIME_LIMITED", "committedLimit": {"workingDays": 10}, "statutoryLimit": {"workingDays": 30},
             "requiredDocuments": ["申请表", "环评报告书"], "onlineCapable": true, "queueCode": "C"}"""))) ItemRequest request) {
        return catalog.create(request)
                .map(item -> Response.created(URI.create("/api/v1/items/" + item.code())).entity(item).build());
    }

    @GET
    @PermitAll
    @Operation(summary = "Search the catalogue", description = "Public. Filters combine; q matches code or name.")
    public Uni<PageResult<ItemView>> search(@QueryParam("category") @Schema(implementation = Category.class) String category,
                                            @QueryParam("department") String department,
                                            @QueryParam("q") String q,
                                            @QueryParam("page") @Schema(implementation = Integer.class, defaultValue = "0") String page,
                                            @QueryParam("size") @Schema(implementation = Integer.class, defaultValue = "20") String size) {
        int pageNumber = QueryParams.integer("page", page, 0);
        int pageSize = QueryParams.integer("size", size, 20);
        Paging.check(pageNumber, pageSize);
        return catalog.search(QueryParams.enumValue(Category.class, "category", category), department, q, pageNumber, pageSize);
    }

    @GET
    @Path("/summary")
    @PermitAll
    @Operation(summary = "Counts per category and department, online-capable share (网上可办率)")
    public Uni<CatalogSummary> summary() {
        return catalog.summary();
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "One service item")
    @APIResponse(responseCode = "404", description = "unknown code")
    public Uni<ItemView> get(@PathParam("code") String code) {
        return catalog.get(code);
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a service item")
    public Uni<ItemView> replace(@PathParam("code") String code, ItemRequest request) {
        return catalog.replace(code, request);
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a service item")
    @APIResponse(responseCode = "204", description = "deleted")
    public Uni<Response> delete(@PathParam("code") String code) {
        return catalog.delete(code).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import items from a JSON array", description = "Valid rows are created or updated; the others are reported with reasons.")
    public Uni<ImportResult> importJson(@RequestBody(content = @Content(examples = @ExampleObject(name = "two items", value = """
            [{"code": "HR-01", "name": "就业登记", "department": "人社局", "level": "CITY", "category": "IMMEDIATE",
              "committedLimit": "PT30M", "statutoryLimit": {"workingDays": 1}, "onlineCapable": true},
             {"code": "HR-02", "name": "失业登记", "department": "人社局", "level": "CITY", "category": "SAME_DAY",
              "statutoryLimit": 5, "onlineCapable": false}]"""))) JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ProblemException.invalid("body", "must be a JSON array of items");
        }
        if (body.size() > MAX_IMPORT_ROWS) {
            throw ProblemException.invalid("body", "at most " + MAX_IMPORT_ROWS + " rows per import");
        }
        List<CatalogService.ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            rows.add(catalog.parseJsonRow(i + 1, body.get(i)));
        }
        return catalog.importRows(rows);
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import items from CSV", description = "Header: code,name,department,level,category,committedLimit,"
            + "statutoryLimit,localStageLimit,requiredDocuments,onlineCapable,queueCode,dailyQuota,warningThreshold,"
            + "toleratesMissingDocuments; limits as 5 (working days) or PT30M; documents separated by ';'.")
    public Uni<ImportResult> importCsv(@RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = """
            code,name,department,level,category,committedLimit,statutoryLimit,requiredDocuments,onlineCapable
            HR-01,就业登记,人社局,CITY,IMMEDIATE,PT30M,1,身份证;申请表,true"""))) String body) {
        List<CatalogService.ImportRow> rows = ItemCsv.parse(body == null ? "" : body);
        if (rows.size() > MAX_IMPORT_ROWS) {
            throw ProblemException.invalid("body", "at most " + MAX_IMPORT_ROWS + " rows per import");
        }
        return catalog.importRows(rows);
    }
}

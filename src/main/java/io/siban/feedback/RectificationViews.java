package io.siban.feedback;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.PageResult;
import io.siban.feedback.dto.RectificationView;
import io.siban.rating.Dimension;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rectifications as their halls' supervisors read them: one, or a page soonest due first, each with its steps. */
@ApplicationScoped
public class RectificationViews {
    /** A page's filters; null means any. */
    public record Query(String hall, RectificationState state, Boolean overdue, String department, int page, int size) {
    }

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;

    public Uni<RectificationView> one(UUID id, Caller caller) {
        return pool.preparedQuery(RectificationStore.ONE).execute(Tuple.of(id, clocks.now()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("rectification", id.toString());
                    }
                    Row r = rows.iterator().next();
                    if (!caller.supervises(r.getString("hall_code"), r.getString("department"))) {
                        throw ProblemException.forbidden("only the supervisors of hall '" + r.getString("hall_code")
                                + "' who answer for its department see this rectification");
                    }
                    return List.of(r);
                })
                .chain(this::withSteps)
                .map(views -> views.get(0));
    }

    Uni<PageResult<RectificationView>> page(Query q, Caller caller) {
        String[] halls = scope(q.hall(), caller);
        String state = q.state() == null ? null : q.state().name();
        String[] departments = caller.has(Roles.ADMIN) || caller.departments().isEmpty() ? null : caller.departments().toArray(String[]::new);
        Tuple filters = Tuple.tuple().addArrayOfString(halls).addString(state).addBoolean(q.overdue()).addString(q.department())
                .addOffsetDateTime(clocks.now()).addArrayOfString(departments);
        Tuple page = Tuple.tuple().addArrayOfString(halls).addString(state).addBoolean(q.overdue()).addString(q.department())
                .addOffsetDateTime(clocks.now()).addInteger(q.size()).addLong((long) q.page() * q.size()).addArrayOfString(departments);
        return pool.preparedQuery(RectificationStore.COUNT).execute(filters)
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(total -> pool.preparedQuery(RectificationStore.PAGE).execute(page)
                        .map(rows -> {
                            List<Row> list = new ArrayList<>();
                            rows.forEach(list::add);
                            return list;
                        })
                        .chain(this::withSteps)
                        .map(items -> new PageResult<>(items, q.page(), q.size(), total)));
    }

    /** The halls a listing covers: the one asked for (403 outside the caller's), or all the caller supervises (null: every hall). */
    String[] scope(String hall, Caller caller) {
        if (hall != null) {
            if (!caller.supervises(hall)) {
                throw ProblemException.forbidden("only the supervisors of hall '" + hall + "' see its rectifications");
            }
            return new String[]{hall};
        }
        if (caller.has(Roles.ADMIN) || caller.halls().contains(Roles.ALL_HALLS)) {
            return null;
        }
        return caller.halls().toArray(String[]::new);
    }

    Uni<List<String>> halls(String hall, Caller caller) {
        String[] scope = scope(hall, caller);
        if (scope != null) {
            return Uni.createFrom().item(List.of(scope));
        }
        return pool.query("select code from hall order by code").execute().map(rows -> {
            List<String> all = new ArrayList<>();
            rows.forEach(r -> all.add(r.getString(0)));
            return all;
        });
    }

    private Uni<List<RectificationView>> withSteps(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = rows.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
        return pool.preparedQuery(RectificationStore.STEPS).execute(Tuple.of(ids)).map(stepRows -> {
            Map<UUID, List<RectificationView.Step>> steps = new HashMap<>();
            for (Row s : stepRows) {
                steps.computeIfAbsent(s.getUUID("rectification_id"), k -> new ArrayList<>()).add(new RectificationView.Step(
                        s.getOffsetDateTime("at"), s.getString("actor"), s.getString("action"), state(s.getString("from_state")),
                        state(s.getString("to_state")), s.getString("note")));
            }
            List<RectificationView> views = new ArrayList<>();
            for (Row r : rows) {
                views.add(view(r, steps.getOrDefault(r.getUUID("id"), List.of())));
            }
            return views;
        });
    }

    private static RectificationView view(Row r, List<RectificationView.Step> steps) {
        RectificationState state = RectificationState.valueOf(r.getString("state"));
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            Integer value = r.getInteger(d.field());
            if (value != null) {
                dimensions.put(d.field(), value);
            }
        }
        int window = r.getInteger("window_number");
        RectificationView.RatedService rating = new RectificationView.RatedService(r.getString("subject"), r.getInteger("score"),
                dimensions, r.getString("comment"), r.getOffsetDateTime("rated_at"), blankToNull(r.getString("clerk")),
                window == 0 ? null : window, blankToNull(r.getString("item_code")), r.getString("item_name"),
                blankToNull(r.getString("department")), blankToNull(r.getString("category")), r.getString("channel"),
                r.getString("ticket_number"), r.getString("case_number"));
        return new RectificationView(r.getUUID("id"), r.getString("hall_code"), blankToNull(r.getString("department")), state,
                r.getString("card"), r.getInteger("version"), r.getOffsetDateTime("opened_at"), r.getOffsetDateTime("contact_due"),
                r.getOffsetDateTime("rectify_due"), r.getOffsetDateTime("contacted_at"), r.getOffsetDateTime("rectified_at"),
                r.getOffsetDateTime("closed_at"), r.getOffsetDateTime("excluded_at"), state(r.getString("appealed_from")),
                r.getString("appealed_by"), r.getBoolean("contact_overdue"), r.getBoolean("rectify_overdue"),
                RectificationMachine.allowed(state), rating, steps);
    }

    private static RectificationState state(String text) {
        return text == null ? null : RectificationState.valueOf(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}

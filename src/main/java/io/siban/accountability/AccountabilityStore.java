package io.siban.accountability;

import io.siban.accountability.dto.ExplanationView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Every statement of the accountability register: the cards cases received, and their explanations. */
@ApplicationScoped
public class AccountabilityStore {
    static final String CASE_CARDS = """
            select c.id, c.case_number, c.hall_code,
                   array(select distinct g.card || coalesce(':' || g.stage, '') from case_card_change g where g.case_id = c.id order by 1) as cards,
                   array(select distinct x.card || coalesce(':' || x.stage, '') from case_explanation x where x.case_id = c.id) as explained
            from service_case c where c.id = $1""";
    static final String INSERT = """
            insert into case_explanation (case_id, hall_code, card, cause, responsible, remedy, at, actor, stage)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id""";
    static final String HISTORY = "select id, case_id, card, stage, cause, responsible, remedy, at, actor from case_explanation "
            + "where case_id = $1 order by id";
    static final String HALLS = "select code, calendar_id from hall where code = any($1) order by code";
    static final String ALL_HALLS = "select code, calendar_id from hall order by code";

    /**
     * The cards received in each hall's period, with the latest explanation of the same card of the case.
     * $1..$4: per hall, its code, the start and end of the period in its zone, and the instant before which
     * a card is due for explanation now; $5 the cards listed; $6 a department or null; $7 only unexplained
     * cards overdue, of the cards $8.
     */
    static final String REGISTER_FROM = "\n" + """
             from unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[]) as h(code, starts, ends, overdue_before)
             join service_case c on c.hall_code = h.code
             join case_card_change g on g.case_id = c.id and g.at >= h.starts and g.at < h.ends
             left join lateral (select x.id, x.cause, x.responsible, x.remedy, x.at, x.actor from case_explanation x
                                where x.case_id = g.case_id and x.card = g.card and x.stage is not distinct from g.stage
                                order by x.id desc limit 1) e on true
             where g.card = any($5) and ($6::text is null or c.department = $6)
               and (not $7 or (g.card = any($8) and e.id is null and g.at < h.overdue_before))""";
    static final String REGISTER_PAGE = """
            select g.case_id, c.case_number, c.hall_code, c.department, c.item_name, c.category, g.card, g.stage, g.at, g.due_at,
                   e.id as explanation_id, e.cause, e.responsible, e.remedy, e.at as explained_at, e.actor"""
            + REGISTER_FROM + " order by g.at desc, g.id desc limit $9 offset $10";
    static final String REGISTER_COUNT = "select count(*)" + REGISTER_FROM;

    @Inject
    Pool pool;

    /** A case, where it is and the cards it has received. */
    record CaseCards(UUID id, String caseNumber, String hall, Set<String> cards, Set<String> explained) {
    }

    /** A hall and the calendar its dues are counted on. */
    record HallCalendar(String code, String calendarId) {
    }

    /** One card of the register as stored; {@code explanation} null while none. */
    record CardRow(UUID caseId, String caseNumber, String hall, String department, String itemName, String category,
                   String card, String stage, Instant at, Instant dueAt, ExplanationView explanation) {
    }

    /** The register's filter as statement parameters: one entry per hall in the four arrays. */
    record Filter(String[] halls, OffsetDateTime[] starts, OffsetDateTime[] ends, OffsetDateTime[] overdueBefore,
                  String[] cards, String department, boolean unexplained, String[] oweExplanation) {
        Tuple tuple() {
            return Tuple.tuple().addArrayOfString(halls).addArrayOfOffsetDateTime(starts).addArrayOfOffsetDateTime(ends)
                    .addArrayOfOffsetDateTime(overdueBefore).addArrayOfString(cards).addString(department)
                    .addBoolean(unexplained).addArrayOfString(oweExplanation);
        }
    }

    Uni<CaseCards> caseCards(SqlClient client, UUID id) {
        return client.preparedQuery(CASE_CARDS).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new CaseCards(r.getUUID("id"), r.getString("case_number"), r.getString("hall_code"),
                    new LinkedHashSet<>(List.of(r.getArrayOfStrings("cards"))), Set.of(r.getArrayOfStrings("explained")));
        });
    }

    Uni<ExplanationView> insert(SqlClient client, CaseCards target, ExplanationRules.Checked e, OffsetDateTime at, String actor) {
        Tuple params = Tuple.tuple().addUUID(target.id()).addString(target.hall()).addString(e.card().name()).addString(e.cause())
                .addString(e.responsible()).addString(e.remedy()).addOffsetDateTime(at).addString(actor).addString(e.stage());
        return client.preparedQuery(INSERT).execute(params).map(rows -> new ExplanationView(rows.iterator().next().getLong("id"),
                target.id(), e.card().name(), e.stage(), e.cause(), e.responsible(), e.remedy(), utc(at), actor));
    }

    Uni<List<ExplanationView>> history(UUID caseId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(caseId)).map(rows -> {
            List<ExplanationView> all = new ArrayList<>();
            for (Row r : rows) {
                all.add(new ExplanationView(r.getLong("id"), r.getUUID("case_id"), r.getString("card"), r.getString("stage"), r.getString("cause"),
                        r.getString("responsible"), r.getString("remedy"), utc(r.getOffsetDateTime("at")), r.getString("actor")));
            }
            return all;
        });
    }

    /** The halls named (those that exist), or every hall when {@code codes} is null. */
    Uni<List<HallCalendar>> halls(List<String> codes) {
        Uni<RowSet<Row>> rows = codes == null ? pool.preparedQuery(ALL_HALLS).execute()
                : pool.preparedQuery(HALLS).execute(Tuple.of(codes.toArray(String[]::new)));
        return rows.map(found -> {
            List<HallCalendar> halls = new ArrayList<>();
            found.forEach(r -> halls.add(new HallCalendar(r.getString("code"), r.getString("calendar_id"))));
            return halls;
        });
    }

    Uni<List<CardRow>> page(Filter filter, int limit, long offset) {
        return pool.preparedQuery(REGISTER_PAGE).execute(filter.tuple().addInteger(limit).addLong(offset)).map(rows -> {
            List<CardRow> page = new ArrayList<>();
            for (Row r : rows) {
                Long explanation = r.getLong("explanation_id");
                page.add(new CardRow(r.getUUID("case_id"), r.getString("case_number"), r.getString("hall_code"),
                        r.getString("department"), r.getString("item_name"), r.getString("category"), r.getString("card"),
                        r.getString("stage"), r.getOffsetDateTime("at").toInstant(), r.getOffsetDateTime("due_at").toInstant(),
                        explanation == null ? null : new ExplanationView(explanation, r.getUUID("case_id"), r.getString("card"), r.getString("stage"),
                                r.getString("cause"), r.getString("responsible"), r.getString("remedy"),
                                utc(r.getOffsetDateTime("explained_at")), r.getString("actor"))));
            }
            return page;
        });
    }

    Uni<Long> count(Filter filter) {
        return pool.preparedQuery(REGISTER_COUNT).execute(filter.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.toInstant().atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}

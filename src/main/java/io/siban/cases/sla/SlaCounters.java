package io.siban.cases.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.siban.cases.CaseChannel;
import io.siban.cases.CaseSql;
import io.siban.catalog.Category;
import io.siban.sla.deadline.SlaCard;
import io.siban.common.Clocks;
import io.siban.common.TouchedHalls;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * SLA counters per hall in Redis (open, paused, yellow, red, legal breach per department, category,
 * channel and the window the case was taken in: the window of its first visit's ticket, none for
 * cases that came without one). Each hall's counters are recounted from PostgreSQL after its cases move or change card
 * (at most every sweep), so they never drift from a recount; a hall whose counters are missing is
 * recounted on the next read.
 */
@ApplicationScoped
public class SlaCounters {
    /** One line of a hall's counters. */
    public record Line(String department, Category category, long open, long paused, long yellow, long red, long legalBreach,
                       CaseChannel channel, Integer window) {
    }

    private final ReactiveValueCommands<String, String> values;
    private final TouchedHalls touched = new TouchedHalls();

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    ObjectMapper json;

    @Inject
    public SlaCounters(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** The key of a hall's counters; "v2" since the lines carry channel and window (older lines are not read, but recounted). */
    static String key(String hall) {
        return "siban:sla:counts:v2:{" + hall + "}";
    }

    /** A case of the hall moved or changed card: recount at the next sweep. */
    public void touched(String hall) {
        touched.touch(hall);
    }

    /** Recounts the halls touched since the last call. */
    public Uni<Void> recountTouched() {
        return touched.recountEach(this::recount);
    }

    /** The hall's counters from Redis, recounted first if Redis has none. */
    public Uni<List<Line>> of(String hall) {
        return values.get(key(hall)).chain(text -> text != null ? Uni.createFrom().item(parse(text)) : recount(hall));
    }

    public Uni<List<String>> halls() {
        return pool.query("select code from hall order by code").execute().map(rows -> {
            List<String> halls = new ArrayList<>();
            rows.forEach(r -> halls.add(r.getString(0)));
            return halls;
        });
    }

    /**
     * A hall's open cases ($1) counted by department, category, channel and intake window, cards at
     * $2. The intake window is that of the case's first visit (the served ticket it was taken from).
     */
    static final String RECOUNT = """
            select department, category, channel, v.window_number,
                   count(*) as open,
                   count(*) filter (where state in %s) as paused,
                   count(*) filter (where %s) as yellow,
                   count(*) filter (where %s) as red,
                   count(*) filter (where %s) as legal_breach
            from service_case
            left join lateral (select t.window_number from case_visit cv join ticket t on t.id = cv.ticket_id
                               where cv.case_id = service_case.id order by cv.at, cv.ticket_id limit 1) v on true
            where hall_code = $1 and state in %s
            group by department, category, channel, v.window_number""".formatted(CaseSql.PAUSED, CaseSql.shows(SlaCard.YELLOW, "", "$2"),
            CaseSql.shows(SlaCard.RED, "", "$2"), CaseSql.shows(SlaCard.LEGAL_BREACH, "", "$2"), CaseSql.OPEN);

    Uni<List<Line>> recount(String hall) {
        return pool.preparedQuery(RECOUNT)
                .execute(Tuple.of(hall, clocks.now()))
                .map(rows -> {
                    List<Line> lines = new ArrayList<>();
                    for (Row r : rows) {
                        lines.add(new Line(r.getString("department"), Category.valueOf(r.getString("category")), r.getLong("open"),
                                r.getLong("paused"), r.getLong("yellow"), r.getLong("red"), r.getLong("legal_breach"),
                                CaseChannel.valueOf(r.getString("channel")), r.getInteger("window_number")));
                    }
                    return lines;
                })
                .call(lines -> values.set(key(hall), write(lines)).onFailure().recoverWithNull());
    }

    private String write(List<Line> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Line> parse(String text) {
        try {
            return json.readValue(text, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable SLA counters", e);
        }
    }
}

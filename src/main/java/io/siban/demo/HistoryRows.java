package io.siban.demo;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/** The history's rows as the set-based statements of {@link DemoStore} take them: one typed array per column. */
final class HistoryRows {
    private HistoryRows() {
    }

    /** A case with what intake derives from its applicant and code: masked forms, sealed copies, the code's hash. */
    record Sealed(HistoryCase c, String hash, String sealedCode, String nameMasked, String idMasked, String phoneMasked,
                          String applicantSealed) {
    }

    static Tuple tickets(String hall, List<HistoryTicket> part) {
        return Tuple.tuple().addValue(hall)
                .addValue(column(part, HistoryTicket::id, UUID[]::new))
                .addValue(column(part, HistoryTicket::queue, String[]::new))
                .addValue(column(part, HistoryTicket::day, LocalDate[]::new))
                .addValue(column(part, HistoryTicket::seq, Integer[]::new))
                .addValue(column(part, HistoryTicket::number, String[]::new))
                .addValue(column(part, HistoryTicket::itemCode, String[]::new))
                .addValue(column(part, HistoryTicket::channel, String[]::new))
                .addValue(column(part, HistoryTicket::priority, String[]::new))
                .addValue(column(part, HistoryTicket::status, String[]::new))
                .addValue(times(part, HistoryTicket::lineKey))
                .addValue(times(part, HistoryTicket::issuedAt))
                .addValue(column(part, HistoryTicket::window, Integer[]::new))
                .addValue(times(part, HistoryTicket::calledAt))
                .addValue(column(part, HistoryTicket::clerk, String[]::new))
                .addValue(column(part, HistoryTicket::callReason, String[]::new))
                .addValue(column(part, HistoryTicket::callDetail, String[]::new))
                .addValue(times(part, HistoryTicket::startedAt))
                .addValue(times(part, HistoryTicket::finishedAt))
                .addValue(times(part, HistoryTicket::noShowAt))
                .addValue(times(part, HistoryTicket::cancelledAt))
                .addValue(column(part, HistoryTicket::outcome, String[]::new))
                .addValue(column(part, HistoryTicket::caseId, UUID[]::new))
                .addValue(column(part, t -> t.missingDocuments() == null ? null : String.join("|", t.missingDocuments()), String[]::new))
                .addValue(column(part, HistoryTicket::rating, Integer[]::new))
                .addValue(column(part, HistoryTicket::ratingComment, String[]::new))
                .addValue(times(part, HistoryTicket::ratedAt))
                .addValue(column(part, HistoryTicket::appointmentId, String[]::new))
                .addValue(column(part, HistoryTicket::key, String[]::new));
    }

    static Tuple steps(List<HistoryTicket.Step> part) {
        return Tuple.tuple()
                .addValue(column(part, HistoryTicket.Step::ticket, UUID[]::new))
                .addValue(column(part, HistoryTicket.Step::step, String[]::new))
                .addValue(times(part, HistoryTicket.Step::at))
                .addValue(column(part, HistoryTicket.Step::actor, String[]::new))
                .addValue(column(part, HistoryTicket.Step::window, Integer[]::new))
                .addValue(column(part, HistoryTicket.Step::detail, String[]::new));
    }

    static Tuple cases(String hall, List<Sealed> part) {
        return Tuple.tuple().addValue(hall)
                .addValue(column(part, s -> s.c().id(), UUID[]::new))
                .addValue(column(part, s -> s.c().caseNumber(), String[]::new))
                .addValue(column(part, Sealed::hash, String[]::new))
                .addValue(column(part, Sealed::sealedCode, String[]::new))
                .addValue(column(part, s -> s.c().item().code(), String[]::new))
                .addValue(column(part, s -> s.c().channel(), String[]::new))
                .addValue(column(part, s -> s.c().state(), String[]::new))
                .addValue(column(part, Sealed::nameMasked, String[]::new))
                .addValue(column(part, Sealed::idMasked, String[]::new))
                .addValue(column(part, Sealed::phoneMasked, String[]::new))
                .addValue(column(part, Sealed::applicantSealed, String[]::new))
                .addValue(times(part, s -> s.c().createdAt()))
                .addValue(column(part, s -> s.c().createdBy(), String[]::new))
                .addValue(times(part, s -> s.c().acceptedAt()))
                .addValue(times(part, s -> s.c().forwardedAt()))
                .addValue(times(part, s -> s.c().returnedAt()))
                .addValue(times(part, s -> s.c().closedAt()))
                .addValue(times(part, s -> s.c().deliveredAt()))
                .addValue(times(part, s -> s.c().committedDue()))
                .addValue(times(part, s -> s.c().statutoryDue()))
                .addValue(times(part, s -> s.c().yellowFrom()))
                .addValue(column(part, s -> s.c().card() == null ? null : s.c().card().name(), String[]::new));
    }

    static Tuple ratings(String hall, List<HistoryRating> part) {
        return Tuple.tuple().addValue(hall)
                .addValue(column(part, HistoryRating::id, UUID[]::new))
                .addValue(column(part, HistoryRating::subject, String[]::new))
                .addValue(column(part, HistoryRating::ticketId, UUID[]::new))
                .addValue(column(part, HistoryRating::caseId, UUID[]::new))
                .addValue(column(part, HistoryRating::score, Integer[]::new))
                .addValue(column(part, HistoryRating::attitude, Integer[]::new))
                .addValue(column(part, HistoryRating::efficiency, Integer[]::new))
                .addValue(column(part, HistoryRating::quality, Integer[]::new))
                .addValue(column(part, HistoryRating::integrity, Integer[]::new))
                .addValue(column(part, HistoryRating::comment, String[]::new))
                .addValue(times(part, HistoryRating::ratedAt))
                .addValue(column(part, HistoryRating::day, LocalDate[]::new))
                .addValue(column(part, HistoryRating::clerk, String[]::new))
                .addValue(column(part, HistoryRating::window, Integer[]::new))
                .addValue(column(part, HistoryRating::itemCode, String[]::new))
                .addValue(column(part, HistoryRating::department, String[]::new))
                .addValue(column(part, HistoryRating::category, String[]::new))
                .addValue(column(part, HistoryRating::channel, String[]::new))
                .addValue(times(part, HistoryRating::excludedAt));
    }

    static Tuple rectifications(String hall, List<HistoryRectification> part) {
        return Tuple.tuple().addValue(hall)
                .addValue(column(part, HistoryRectification::id, UUID[]::new))
                .addValue(column(part, HistoryRectification::ratingId, UUID[]::new))
                .addValue(column(part, HistoryRectification::department, String[]::new))
                .addValue(column(part, x -> x.state().name(), String[]::new))
                .addValue(column(part, x -> x.appealedFrom() == null ? null : x.appealedFrom().name(), String[]::new))
                .addValue(column(part, HistoryRectification::appealedBy, String[]::new))
                .addValue(column(part, HistoryRectification::version, Integer[]::new))
                .addValue(times(part, HistoryRectification::openedAt))
                .addValue(times(part, HistoryRectification::contactDue))
                .addValue(times(part, HistoryRectification::rectifyDue))
                .addValue(times(part, HistoryRectification::yellowFrom))
                .addValue(column(part, x -> x.card().name(), String[]::new))
                .addValue(times(part, HistoryRectification::contactedAt))
                .addValue(times(part, HistoryRectification::rectifiedAt))
                .addValue(times(part, HistoryRectification::closedAt))
                .addValue(times(part, HistoryRectification::excludedAt));
    }

    /** A rectification's step with the rectification it belongs to. */
    record RectificationStep(UUID rectification, HistoryRectification.Step step) {
    }

    static Tuple rectificationSteps(List<RectificationStep> part) {
        return Tuple.tuple()
                .addValue(column(part, RectificationStep::rectification, UUID[]::new))
                .addValue(times(part, s -> s.step().at()))
                .addValue(column(part, s -> s.step().actor(), String[]::new))
                .addValue(column(part, s -> s.step().action(), String[]::new))
                .addValue(column(part, s -> s.step().from() == null ? null : s.step().from().name(), String[]::new))
                .addValue(column(part, s -> s.step().to().name(), String[]::new))
                .addValue(column(part, s -> s.step().note(), String[]::new));
    }

    /** Rows given as value arrays, turned into one typed array per column. */
    static Tuple columns(List<Object[]> part) {
        Tuple tuple = Tuple.tuple();
        for (int col = 0; col < part.get(0).length; col++) {
            int c = col;
            Object sample = part.stream().map(r -> r[c]).filter(java.util.Objects::nonNull).findFirst().orElse("");
            Object[] values = (Object[]) java.lang.reflect.Array.newInstance(sample.getClass(), part.size());
            for (int i = 0; i < part.size(); i++) {
                values[i] = part.get(i)[c];
            }
            tuple.addValue(values);
        }
        return tuple;
    }

    private static <T, V> V[] column(List<T> rows, Function<T, V> value, IntFunction<V[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    private static <T> OffsetDateTime[] times(List<T> rows, Function<T, Instant> value) {
        return rows.stream().map(value).map(HistoryRows::utc).toArray(OffsetDateTime[]::new);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

}

package io.siban.queue;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit: many plain tickets written at once share statements and still get exact, consecutive numbers. */
@QuarkusTest
class TicketWriterTest {
    @Inject
    TicketWriter writer;

    private static NewTicket plain(String hall, String queue, String key) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new NewTicket(hall, queue, LocalDate.of(2026, 11, 30), UUID.randomUUID(), queue, null, "KIOSK", "NORMAL",
                now, now, null, null, null, null, null, null, key, "hash-" + key, null);
    }

    @Test
    void ticketsWrittenTogetherGetConsecutiveNumbersEventsAndOneTicketPerKey() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        List<NewTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            tickets.add(plain(hall, i % 2 == 0 ? "A" : "B", "key-" + i));
        }
        NewTicket retry = plain(hall, "B", "key-1");
        tickets.add(retry);

        List<Uni<Row>> writes = tickets.stream().map(writer::write).toList();
        List<Row> rows = Uni.join().all(writes).andFailFast().await().atMost(Duration.ofSeconds(30));

        long written = rows.stream().filter(java.util.Objects::nonNull).count();
        assertThat(written).as("one ticket per Idempotency-Key").isEqualTo(120);
        assertThat(rows.get(rows.size() - 1) == null || rows.get(1) == null).as("the later of the two with key-1 is not written").isTrue();
        try (Connection db = LocalServicesResource.connect()) {
            assertThat(numbers(db, hall, "A")).as("queue A: 1..60, no gaps").containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 60).boxed().toList());
            assertThat(numbers(db, hall, "B")).as("queue B: distinct").doesNotHaveDuplicates().hasSize(60);
            try (var statement = db.prepareStatement("""
                    select (select count(*) from event_outbox where hall_code = ? and type = 'ticket.issued'),
                           (select count(*) from ticket_step s join ticket t on t.id = s.ticket_id where t.hall_code = ? and s.step = 'ISSUED'),
                           (select sum(waiting) from queue_waiting where hall_code = ?)""")) {
                statement.setString(1, hall);
                statement.setString(2, hall);
                statement.setString(3, hall);
                ResultSet r = statement.executeQuery();
                r.next();
                assertThat(r.getInt(1)).as("an event per ticket").isEqualTo(120);
                assertThat(r.getInt(2)).as("an issue step per ticket").isEqualTo(120);
                assertThat(r.getInt(3)).as("waiting counts").isEqualTo(120);
            }
        }
    }

    @Test
    void aTicketThatCannotBeWrittenFailsAloneAndTheOthersOfItsBatchAreWritten() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        List<NewTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tickets.add(plain(i == 25 ? "no-such-hall-" + hall : hall, "A", null));
        }
        List<String> outcomes = Uni.join().all(tickets.stream().map(ticket -> writer.write(ticket)
                        .map(row -> row == null ? "not written" : "written")
                        .onFailure().recoverWithItem(failure -> "failed: " + failure.getMessage())).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(outcomes.get(25)).startsWith("failed").contains("hall");
        assertThat(outcomes).filteredOn("written"::equals).hasSize(39);
        try (Connection db = LocalServicesResource.connect()) {
            assertThat(numbers(db, hall, "A")).containsExactlyElementsOf(IntStream.rangeClosed(1, 39).boxed().toList());
        }
    }

    @Test
    void numbersGrowPastThreeDigitsWithoutLosingAny() throws Exception {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement(
                     "insert into ticket_counter (hall_code, queue_code, service_date, last_seq) values (?, 'A', date '2026-11-30', 998)")) {
            statement.setString(1, hall);
            statement.executeUpdate();
        }
        NewTicket withPendingRule = new NewTicket(hall, "A", LocalDate.of(2026, 11, 30), UUID.randomUUID(), "A", null, "KIOSK",
                "NORMAL", OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC), null, "id-hash", null, null, null,
                null, null, "hash", null);
        assertThat(withPendingRule.batchable()).isFalse();

        assertThat(writer.write(plain(hall, "A", null)).await().atMost(Duration.ofSeconds(10)).getString("number")).isEqualTo("A999");
        assertThat(writer.write(plain(hall, "A", null)).await().atMost(Duration.ofSeconds(10)).getString("number")).isEqualTo("A1000");
        assertThat(writer.write(withPendingRule).await().atMost(Duration.ofSeconds(10)).getString("number")).isEqualTo("A1001");
    }

    private static List<Integer> numbers(Connection db, String hall, String queue) throws Exception {
        try (var statement = db.prepareStatement("select seq from ticket where hall_code = ? and queue_code = ? order by seq")) {
            statement.setString(1, hall);
            statement.setString(2, queue);
            ResultSet r = statement.executeQuery();
            List<Integer> seqs = new ArrayList<>();
            while (r.next()) {
                seqs.add(r.getInt(1));
            }
            return seqs;
        }
    }
}

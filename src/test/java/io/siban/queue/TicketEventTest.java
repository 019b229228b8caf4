package io.siban.queue;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket event's two forms, Java and SQL, come from one list of fields and name the same keys in the same order. */
class TicketEventTest {
    @Test
    void javaAndSqlFormsHaveTheSameKeys() {
        OffsetDateTime at = OffsetDateTime.of(2026, 6, 15, 9, 30, 0, 0, ZoneOffset.UTC);
        TicketRow row = new TicketRow(UUID.randomUUID(), "h", "A", "A001", null, Channel.KIOSK, Priority.NORMAL,
                TicketStatus.CALLED, at, at, null, 3, at, null, null, 1, null, null, null, null, null, null, null,
                null, null, null, null);
        List<String> javaKeys = List.copyOf(TicketEvent.json(row, at).fieldNames());
        String sql = TicketEvent.sql("now()");
        List<String> sqlKeys = java.util.regex.Pattern.compile("'(\\w+)'").matcher(sql).results().map(m -> m.group(1)).toList();
        assertThat(sqlKeys).isEqualTo(javaKeys);
        assertThat(sql).isEqualTo("jsonb_build_object('ticketId', id, 'number', number, 'queue', queue_code, 'channel', channel, 'status', status, "
                + "'priority', priority, 'window', window_number, 'recalls', recalls, 'item', item_code, 'at', now())");
        assertThat(TicketEvent.json(row, at).encode()).isEqualTo("{\"ticketId\":\"" + row.id() + "\",\"number\":\"A001\","
                + "\"queue\":\"A\",\"channel\":\"KIOSK\",\"status\":\"CALLED\",\"priority\":\"NORMAL\",\"window\":3,\"recalls\":1,\"item\":null,\"at\":\"2026-06-15T09:30Z\"}");
    }
}

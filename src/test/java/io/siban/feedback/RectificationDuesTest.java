package io.siban.feedback;

import io.siban.sla.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A rectification's dues on the 2026 calendar: 回访 the same time next working day, 整改 close of business on the 15th. */
class RectificationDuesTest {
    static WorkingCalendar CN;

    @org.junit.jupiter.api.BeforeAll
    static void calendar() throws Exception {
        CN = io.siban.cases.CaseClockTest.shippedChina();
    }

    static Instant local(String text) {
        return OffsetDateTime.parse(text + "+08:00").toInstant();
    }

    @Test
    void aMondayRatingBeforeTheNationalDayWeek() {
        RectificationDues dues = RectificationDues.of(CN, local("2026-09-28T10:00:00"), 1, 15);
        assertThat(dues.contactDue()).isEqualTo(local("2026-09-29T10:00:00"));
        // 9-29, 9-30, (10-1..10-7 off), 10-8, 10-9, 10-10 (Saturday, worked), 10-12 … : the 15th working day is 10-23
        assertThat(dues.rectifyDue().atOffset(java.time.ZoneOffset.ofHours(8)).toLocalDate()).hasToString("2026-10-23");
        assertThat(dues.yellowFrom(CN, RectificationState.OPEN)).isEqualTo(dues.contactDue());
        assertThat(dues.yellowFrom(CN, RectificationState.CONTACTED)).as("one working day before the rectify due")
                .isEqualTo(dues.rectifyDue().minusSeconds(0).atOffset(java.time.ZoneOffset.ofHours(8)).minusDays(1).toInstant());
    }

    @Test
    void aFridayEveningRatingHasAllOfMondayToBeContacted() {
        RectificationDues dues = RectificationDues.of(CN, local("2026-11-27T19:30:00"), 1, 5);
        // 19:30 on the next working day is after hours: the due is the opening after it, so Monday is given in full
        assertThat(dues.contactDue()).isEqualTo(local("2026-12-01T09:00:00"));
    }

    @Test
    void theContactIsNeverDueAfterTheRectificationAndYellowNeverAfterRed() {
        Random random = new Random(15);
        for (int i = 0; i < 500; i++) {
            Instant opened = local("2026-01-05T00:00:00").plusSeconds(random.nextInt(330 * 86_400));
            int contact = 1 + random.nextInt(5);
            int rectify = contact + random.nextInt(15);
            RectificationDues dues = RectificationDues.of(CN, opened, contact, rectify);
            assertThat(dues.contactDue()).isAfter(opened).isBeforeOrEqualTo(dues.rectifyDue());
            for (RectificationState state : RectificationState.RUNNING) {
                assertThat(dues.yellowFrom(CN, state)).isBeforeOrEqualTo(dues.rectifyDue());
            }
            assertThat(dues.yellowFrom(CN, RectificationState.OPEN)).isBeforeOrEqualTo(dues.contactDue());
        }
    }
}

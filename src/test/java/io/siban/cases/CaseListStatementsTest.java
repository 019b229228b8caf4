package io.siban.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.sla.calendar.WorkingCalendars;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.cases.CaseResourceTest.move;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of the case list costs two statements whatever its size: the count and the page, whose rows
 * carry their pauses and calendar versions. The store and the calendars count the statements they run
 * (a seam, nothing stubbed): a list that asked per row would show 2 + 2 × rows here.
 */
@QuarkusTest
class CaseListStatementsTest {
    @Inject
    CaseStore store;
    @Inject
    WorkingCalendars calendars;

    @Test
    void aPageOfFiftyCasesWithPausesInThreeCalendarsIsTwoStatements() {
        String department = "计数局-" + UUID.randomUUID().toString().substring(0, 6);
        String item = item("TIME_LIMITED", true, Map.of("department", department));
        List<String> halls = List.of(hallOn(null), hallOn(calendar()), hallOn(calendar()));
        for (int i = 0; i < 51; i++) {
            String hall = halls.get(i % halls.size());
            boolean window = i % 5 != 4;
            String id = create(hall, item, window ? "WINDOW" : "ONLINE", DOCUMENTS, Api.adminToken()).statusCode(201).extract().path("id");
            if (window && i % 3 == 0) {
                move(id, 0, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("场所平面图")), Api.adminToken()).statusCode(200);
            } else if (window && i % 3 == 1) {
                move(id, 0, Map.of("action", "START_REVIEW"), Api.adminToken()).statusCode(200);
                move(id, 1, Map.of("action", "START_PROCEDURE", "procedure", "SITE_INSPECTION", "reason", "现场勘验",
                        "procedureLimit", Map.of("workingDays", 3)), Api.adminToken()).statusCode(200);
            }
        }
        list(department, 50);

        for (int size : new int[]{50, 5}) {
            long before = store.statements();
            long calendarReads = calendars.statements();
            List<Map<String, Object>> cases = list(department, size);
            assertThat(store.statements() - before).as("statements for a page of %d", size).isEqualTo(2);
            assertThat(calendars.statements() - calendarReads).as("calendar reads for a page of %d", size).isZero();
            assertThat(cases).hasSize(size);
        }
        assertThat(list(department, 50)).anySatisfy(c -> assertThat((List<?>) ((Map<?, ?>) c.get("sla")).get("pauses")).isNotEmpty());
    }

    private static List<Map<String, Object>> list(String department, int size) {
        return as(Api.adminToken()).queryParam("department", department).queryParam("size", size).get("/api/v1/cases")
                .then().statusCode(200).extract().path("items");
    }

    private static String calendar() {
        String calendar = "count-" + UUID.randomUUID().toString().substring(0, 6);
        List<List<String>> hours = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
        as(Api.adminToken()).body(Map.of("timezone", "Asia/Shanghai", "weeklyHours", Map.of("MONDAY", hours, "TUESDAY", hours,
                "WEDNESDAY", hours, "THURSDAY", hours, "FRIDAY", hours))).put("/api/v1/calendars/" + calendar).then().statusCode(201);
        return calendar;
    }

    private static String hallOn(String calendar) {
        String hall = "cnt-" + UUID.randomUUID().toString().substring(0, 6);
        if (calendar == null) {
            return Api.hall(hall);
        }
        as(Api.adminToken()).body(Map.of("code", hall, "name", "counted hall", "calendarId", calendar)).post("/api/v1/halls").then().statusCode(201);
        return hall;
    }
}

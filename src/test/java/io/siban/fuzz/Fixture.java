package io.siban.fuzz;

import java.util.List;
import java.util.Map;

/**
 * Things that exist in the application under test, so that well-formed requests get past "not found"
 * into the code behind it. Tokens are keyed by role, in a fixed order ("none" is no token).
 */
record Fixture(String hall, List<String> queues, List<Integer> windows, String itemCode, List<String> tickets,
               String caseId, String caseNumber, String caseCode, String readCalendar, String writeCalendar,
               Map<String, String> tokens) {
}

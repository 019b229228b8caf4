package io.siban.accountability;

import io.siban.common.problem.ProblemException;
import io.siban.common.web.Paging;
import io.siban.common.web.QueryParams;
import io.siban.sla.deadline.SlaCard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The parameters of the accountability register, parsed and checked: a bad one is a 400 naming it.
 * {@code from} and {@code to} are hall-local dates, both required and both included, at most
 * {@link #MAX_DAYS} days apart.
 *
 * @param hall        the hall asked for, or null (every hall the caller supervises)
 * @param card        only this card, or null
 * @param unexplained only RED and LEGAL_BREACH cards left unexplained past their explanation due
 * @param department  only this department, or null
 */
record RegisterQuery(LocalDate from, LocalDate to, String hall, SlaCard card, boolean unexplained, String department,
                     int page, int size) {
    static final int MAX_DAYS = 366;
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final int DEFAULT_SIZE = 50;

    static RegisterQuery parse(String from, String to, String hall, String card, String unexplained, String department,
                               String page, String size) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (start.isAfter(end)) {
            throw ProblemException.invalid("from", "from " + start + " is after to " + end);
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > MAX_DAYS) {
            throw ProblemException.invalid("to", "the period is " + days + " days; at most " + MAX_DAYS + " days may be asked at once");
        }
        int pageNumber = QueryParams.integer("page", page, 0);
        int pageSize = QueryParams.integer("size", size, DEFAULT_SIZE);
        Paging.check(pageNumber, pageSize);
        return new RegisterQuery(start, end, blankToNull(hall), Cards.parse("card", card), flag("unexplained", unexplained),
                blankToNull(department), pageNumber, pageSize);
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "is required: a date (YYYY-MM-DD)");
        }
        return QueryParams.date(name, value, null, FIRST_YEAR, LAST_YEAR, "the register's periods");
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(name, "'" + value + "' is neither true nor false");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

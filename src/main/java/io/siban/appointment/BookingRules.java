package io.siban.appointment;

import io.siban.appointment.dto.BookingRequest;
import io.siban.appointment.dto.SlotTemplateRequest;
import io.siban.common.PersonalData;
import io.siban.common.problem.Problem;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import io.siban.hall.OpeningHours;
import io.siban.hall.dto.ServiceHours;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of appointment requests that need no database; each refusal is a 400 naming its field. */
final class BookingRules {
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ID_NUMBER = Pattern.compile("[0-9A-Z]{6,32}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 -]{5,20}");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final int MAX_KEY = 200;
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 9999;

    private BookingRules() {
    }

    /** The template's weekly hours parsed (null: none given, the hall's hours apply). */
    static OpeningHours template(SlotTemplateRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a slot template is required: {slotMinutes, capacity, weeklyHours?}");
        }
        List<Violation> v = new ArrayList<>();
        if (request.slotMinutes() == null || request.slotMinutes() < 5 || request.slotMinutes() > 480) {
            v.add(new Violation("slotMinutes", "is required: 5 to 480 minutes"));
        }
        if (request.capacity() == null || request.capacity() < 1 || request.capacity() > 10_000) {
            v.add(new Violation("capacity", "is required: 1 to 10000 bookings a slot"));
        }
        OpeningHours hours = null;
        if (request.weeklyHours() != null) {
            try {
                hours = OpeningHours.parse(new ServiceHours(request.weeklyHours(), null));
            } catch (ProblemException bad) {
                Problem problem = bad.toProblem();
                (problem.violations() == null ? List.of(new Violation("weeklyHours", bad.getMessage())) : problem.violations())
                        .forEach(violation -> v.add(new Violation(violation.field().replace("serviceHours.", ""), violation.message())));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return hours;
    }

    static void itemCode(String itemCode) {
        if (itemCode == null || !CODE.matcher(itemCode).matches()) {
            throw ProblemException.invalid("itemCode", "is required: a catalogue code");
        }
    }

    /** The date of a slot query. */
    static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            throw ProblemException.invalid("date", "is required: YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("date", "is not a date of the calendar");
        }
    }

    /** The booking's slot start, checked with the rest of the request. */
    static OffsetDateTime booking(BookingRequest request, String idempotencyKey) {
        if (request == null) {
            throw ProblemException.invalid("body", "a booking is required: {itemCode, slotStart, applicant}");
        }
        List<Violation> v = new ArrayList<>();
        if (request.itemCode() == null || !CODE.matcher(request.itemCode()).matches()) {
            v.add(new Violation("itemCode", "is required: a catalogue code"));
        }
        OffsetDateTime start = null;
        try {
            start = request.slotStart() == null || request.slotStart().length() > 40 ? null : OffsetDateTime.parse(request.slotStart());
        } catch (DateTimeException e) {
            start = null;
        }
        if (start == null || start.getYear() < MIN_YEAR || start.getYear() > MAX_YEAR) {
            v.add(new Violation("slotStart", "is required: an instant with offset (years " + MIN_YEAR + "-" + MAX_YEAR
                    + "), the start of one of the slots"));
        }
        var a = request.applicant();
        if (a == null) {
            v.add(new Violation("applicant", "is required: {name, idNumber, phone?}"));
        } else {
            if (a.name() == null || a.name().isBlank() || a.name().length() > 50) {
                v.add(new Violation("applicant.name", "is required: 1-50 characters"));
            }
            String id = a.idNumber() == null || a.idNumber().length() > 64 ? null : PersonalData.canonical(a.idNumber());
            if (id == null || !ID_NUMBER.matcher(id).matches()) {
                v.add(new Violation("applicant.idNumber", "is required: 6-32 letters or digits (spaces and dashes are ignored)"));
            } else if (!PersonalData.idCheckHolds(id)) {
                v.add(new Violation("applicant.idNumber", "is not a resident ID number: its check character (the 18th) is wrong"));
            }
            if (a.phone() != null && !PHONE.matcher(a.phone().trim()).matches()) {
                v.add(new Violation("applicant.phone", "is not a phone number"));
            }
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY) {
            v.add(new Violation("Idempotency-Key", "is required: 1-" + MAX_KEY + " characters; a retry with it never books twice"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return start;
    }
}

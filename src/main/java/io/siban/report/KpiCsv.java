package io.siban.report;

import io.siban.report.dto.KpiReport;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A KPI report as CSV: a header line, then one line per row, one column per key and per leaf
 * ({@code tickets.waitP50Seconds}), the blocks in the order of the JSON answer. Lines are produced
 * one at a time as the answer is written.
 */
public final class KpiCsv {
    /**
     * Starts the file: spreadsheets in Chinese locales read a CSV without it in the local code page and
     * garble every department name.
     */
    public static final String BOM = io.siban.common.web.CsvCells.BOM;
    static final String[] BLOCKS = {"tickets", "cases", "ratings", "windows", "appointments"};
    static final Class<?>[] TYPES = {KpiReport.Tickets.class, KpiReport.Cases.class, KpiReport.Ratings.class, KpiReport.Windows.class,
            KpiReport.Appointments.class};

    private KpiCsv() {
    }

    public static String header(List<String> groupBy) {
        List<String> cells = new ArrayList<>();
        for (String g : groupBy) {
            cells.add("key." + g);
        }
        for (int b = 0; b < BLOCKS.length; b++) {
            for (RecordComponent c : TYPES[b].getRecordComponents()) {
                cells.add(BLOCKS[b] + "." + c.getName());
            }
        }
        return String.join(",", cells) + "\r\n";
    }

    public static String line(List<String> groupBy, KpiReport.Row row) {
        List<String> cells = new ArrayList<>();
        for (String g : groupBy) {
            cells.add(text(row.key().get(g)));
        }
        Object[] blocks = {row.tickets(), row.cases(), row.ratings(), row.windows(), row.appointments()};
        for (int b = 0; b < BLOCKS.length; b++) {
            for (RecordComponent c : TYPES[b].getRecordComponents()) {
                cells.add(number(value(c, blocks[b])));
            }
        }
        return String.join(",", cells) + "\r\n";
    }

    private static Object value(RecordComponent c, Object block) {
        try {
            return c.getAccessor().invoke(block);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String number(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        return value.toString();
    }

    /** A key as a CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
    static String text(String value) {
        return io.siban.common.web.CsvCells.text(value);
    }
}

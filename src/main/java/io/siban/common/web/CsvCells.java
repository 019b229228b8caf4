package io.siban.common.web;

import java.util.List;

/**
 * The cells of a CSV export (RFC 4180 lines ending in CRLF) as spreadsheets in Chinese locales read them:
 * the file starts with a byte order mark, and a text cell is quoted when needed and never read as a
 * formula. The KPI report and the accountability register write their CSV with it.
 */
public final class CsvCells {
    /**
     * Starts the file: spreadsheets in Chinese locales read a CSV without it in the local code page and
     * garble every department name.
     */
    public static final String BOM = "\uFEFF";

    private CsvCells() {
    }

    /** One line of cells, already made safe, ending in CRLF. */
    public static String line(List<String> cells) {
        return String.join(",", cells) + "\r\n";
    }

    /** A text as a CSV cell: quoted when needed, and never read as a formula by a spreadsheet; null is empty. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}

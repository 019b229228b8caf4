package io.siban.fuzz;

import java.util.List;

/** The catalogue of malformed and hostile inputs, each with a short name that goes into the failure key. */
final class Hostile {
    /** A value: its name and its text (raw JSON for bodies, already percent-encoded for URLs). */
    record Value(String name, String text) {
    }

    private Hostile() {
    }

    static final String HUGE = "a".repeat(100_000);

    /** JSON string literals, written raw so that escapes such as lone surrogates reach the server as sent. */
    static final List<Value> STRINGS = List.of(
            new Value("huge-100k", "\"" + HUGE + "\""),
            new Value("huge-cjk-50k", "\"" + "政".repeat(50_000) + "\""),
            new Value("nul", "\"\\u0000\""),
            new Value("nul-inside", "\"ab\\u0000cd\""),
            new Value("lone-high-surrogate", "\"\\ud800\""),
            new Value("lone-low-surrogate", "\"x\\udfffy\""),
            new Value("rtl-override", "\"\\u202eabc\\u202c\""),
            new Value("rtl-mark", "\"\\u200fA\\u200f\""),
            new Value("emoji", "\"\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\""),
            new Value("combining", "\"e" + "\u0301".repeat(200) + "\""),
            new Value("empty", "\"\""),
            new Value("blank", "\"   \""),
            new Value("controls", "\"\\u0001\\u001f\\u007f\\b\\f\\r\\n\\t\""),
            new Value("bom", "\"\\ufeffA\""),
            new Value("noncharacter", "\"\\uffff\\ufffe\""),
            new Value("markup", "\"<img src=x onerror=alert(1)>\""),
            new Value("sql", "\"' OR 1=1 --\""),
            new Value("traversal", "\"../../etc/passwd\""),
            new Value("format", "\"%s%n%x%d\""),
            new Value("digits-30", "\"123456789012345678901234567890\""),
            new Value("zero-width", "\"\\u200b\\u200c\\u200d\""));

    static final List<Value> NUMBERS = List.of(
            new Value("int-overflow", "2147483648"),
            new Value("int-underflow", "-2147483649"),
            new Value("long-overflow", "9223372036854775808"),
            new Value("max-int", "2147483647"),
            new Value("big-int", "123456789012345678901234567890"),
            new Value("minus-one", "-1"),
            new Value("zero", "0"),
            new Value("negative-zero", "-0"),
            new Value("huge-double", "1e309"),
            new Value("huge-negative-double", "-1e309"),
            new Value("fraction", "0.5"),
            new Value("exponent", "1e2"),
            new Value("large", "100000"),
            new Value("tiny", "4.9e-325"));

    /** Invalid or extreme dates, instants, durations and times (strings). */
    static final List<Value> TIMES = List.of(
            new Value("feb-30", "\"2026-02-30\""),
            new Value("9999-99-99", "\"9999-99-99\""),
            new Value("year-0", "\"0000-01-01\""),
            new Value("month-13", "\"2026-13-01\""),
            new Value("unpadded", "\"2026-1-1\""),
            new Value("far-year", "\"+1000000000-01-01\""),
            new Value("negative-year", "\"-999999999-01-01\""),
            new Value("last-instant", "\"9999-12-31T23:59:59+18:00\""),
            new Value("first-instant", "\"0001-01-01T00:00:00-18:00\""),
            new Value("extreme-instant", "\"+999999999-12-31T23:59:59Z\""),
            new Value("no-offset", "\"2026-10-01T10:00:00\""),
            new Value("bad-offset", "\"2026-10-01T10:00:00+25:00\""),
            new Value("hour-25", "\"2026-10-01T25:00:00+08:00\""),
            new Value("duration-PT", "\"PT\""),
            new Value("duration-P", "\"P\""),
            new Value("duration-P-1D", "\"P-1D\""),
            new Value("duration-negative", "\"-PT1H\""),
            new Value("duration-huge", "\"PT9223372036854775807S\""),
            new Value("duration-days-huge", "\"P99999999999D\""),
            new Value("duration-year", "\"P1Y\""),
            new Value("duration-words", "\"1 hour\""),
            new Value("time-24", "\"24:00\""),
            new Value("time-25-61", "\"25:61\""),
            new Value("time-short", "\"9\""),
            new Value("empty", "\"\""));

    static final List<Value> ENUMS = List.of(
            new Value("unknown", "\"NO_SUCH_VALUE\""),
            new Value("lower-case", null),
            new Value("padded", null),
            new Value("empty", "\"\""),
            new Value("nul", "\"OPEN\\u0000\""),
            new Value("number", "1"));

    /** Whole bodies. */
    static final List<Value> BODIES = List.of(
            new Value("empty", ""),
            new Value("open-brace", "{"),
            new Value("truncated", null),
            new Value("json-null", "null"),
            new Value("json-array", "[]"),
            new Value("json-string", "\"x\""),
            new Value("json-number", "0"),
            new Value("empty-object", "{}"),
            new Value("deep-array", "[".repeat(5000) + "]".repeat(5000)),
            new Value("deep-object", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)),
            new Value("trailing-garbage", null),
            new Value("duplicate-keys", null),
            new Value("comment", "/* c */ {}"),
            new Value("bom", "\uFEFF{}"),
            new Value("single-quotes", "{'a':'b'}"),
            new Value("nan", "{\"a\":NaN}"),
            new Value("huge-array", "[" + "1,".repeat(200_000) + "1]"),
            new Value("invalid-utf8", null),
            new Value("unknown-fields", null),
            new Value("body-1.5MB", null),
            new Value("body-over-limit", null));

    /** Path segment values, percent-encoded as they go on the wire. */
    static final List<Value> PATH = List.of(
            new Value("nul", "%00"),
            new Value("nul-inside", "a%00b"),
            new Value("dot-dot-slash", "..%2f..%2f"),
            new Value("dot-dot", ".."),
            new Value("encoded-dots", "%2e%2e%2f"),
            new Value("encoded-slash", "a%2Fb"),
            new Value("backslash", "a%5Cb"),
            new Value("long-3000", "a".repeat(3000)),
            new Value("long-10000", "b".repeat(10_000)),
            new Value("cjk", "%E5%9F%8E%E5%85%B3"),
            new Value("lone-surrogate-bytes", "%ED%A0%80"),
            new Value("invalid-utf8", "%FF%FE"),
            new Value("emoji", "%F0%9F%98%80"),
            new Value("rtl-override", "%E2%80%AEabc"),
            new Value("space", "%20"),
            new Value("minus-one", "-1"),
            new Value("int-overflow", "2147483648"),
            new Value("big-number", "99999999999999999999"),
            new Value("fraction", "1.5"),
            new Value("markup", "%3Cscript%3E"),
            new Value("quote", "%27%22"),
            new Value("newline", "%0D%0A"),
            new Value("null-word", "null"),
            new Value("matrix", "a;b=c"),
            new Value("percent", "%25"),
            new Value("star", "*"));

    /** Query parameter values, percent-encoded. */
    static final List<Value> QUERY = List.of(
            new Value("max-int", "2147483647"),
            new Value("int-overflow", "2147483648"),
            new Value("minus-one", "-1"),
            new Value("zero", "0"),
            new Value("large", "100000"),
            new Value("word", "abc"),
            new Value("exponent", "1e3"),
            new Value("fraction", "0.5"),
            new Value("empty", ""),
            new Value("nul", "%00"),
            new Value("cjk", "%E5%9F%8E"),
            new Value("invalid-utf8", "%FF"),
            new Value("lone-surrogate-bytes", "%ED%A0%80"),
            new Value("long-3000", "q".repeat(3000)),
            new Value("long-10000", "q".repeat(10_000)),
            new Value("feb-30", "2026-02-30"),
            new Value("9999-99-99", "9999-99-99"),
            new Value("far-year", "%2B1000000000-01-01"),
            new Value("unknown-enum", "NO_SUCH_VALUE"),
            new Value("markup", "%3Cscript%3E"));

    /** Header values (the client refuses CR/LF and non-Latin-1, so those are left out). */
    static final List<Value> HEADER = List.of(
            new Value("empty", ""),
            new Value("word", "abc"),
            new Value("minus-one", "-1"),
            new Value("big-number", "99999999999999999999"),
            new Value("quoted", "\"3\""),
            new Value("weak-etag", "W/\"1\""),
            new Value("long-4000", "h".repeat(4000)),
            new Value("long-20000", "h".repeat(20_000)),
            new Value("latin1", "\u00e9\u00ff"),
            new Value("controls", "a\tb"),
            new Value("star", "*"));

    static final List<Value> AUTHORIZATION = List.of(
            new Value("bearer-empty", "Bearer "),
            new Value("bearer-garbage", "Bearer abc"),
            new Value("bearer-three-parts", "Bearer a.b.c"),
            new Value("alg-none", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsImdyb3VwcyI6WyJhZG1pbiJdfQ."),
            new Value("basic", "Basic YWRtaW46YWRtaW4="),
            new Value("scheme-only", "Bearer"),
            new Value("tampered", null),
            new Value("long", "Bearer " + "x".repeat(6000)));

    static final List<Value> ACCEPT = List.of(
            new Value("xml", "application/xml"),
            new Value("csv", "text/csv"),
            new Value("image", "image/png"),
            new Value("garbage", "not a media type"),
            new Value("event-stream", "text/event-stream"));

    static final List<Value> CONTENT_TYPES = List.of(
            new Value("text-plain", "text/plain"),
            new Value("form", "application/x-www-form-urlencoded"),
            new Value("xml", "application/xml"),
            new Value("none", null),
            new Value("latin1-charset", "application/json; charset=ISO-8859-1"),
            new Value("bogus-charset", "application/json; charset=nope"),
            new Value("multipart", "multipart/form-data; boundary=x"),
            new Value("garbage", "garbage"),
            new Value("csv", "text/csv"));
}

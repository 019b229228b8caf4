package io.siban.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Walks every operation of the running application's OpenAPI document and sends it well-formed and
 * hostile requests, with no token and with each role's. Answers must never be 5xx (a 503 only with
 * Retry-After), every error must be problem+json whose status is the HTTP status and which has a title,
 * no body may name a Java type, and nothing may hang. Request i of seed s is always the same request.
 */
public final class ApiFuzzer {
    /** Operations that count failures per client (logins, public case lookups): a bounded share, see {@link Settings}. */
    static final Set<String> THROTTLED = Set.of("POST /api/v1/auth/token", "GET /api/v1/public/cases/{caseNumber}");
    private static final Pattern JAVA_TYPE = Pattern.compile("java\\.|\\$[A-Z]|io\\.siban\\.|Exception");
    private static final int KEEP_BODY = 400;

    public record Settings(long seed, int requests, Duration timeout, int throttledBudget) {
        public static Settings fromSystemProperties() {
            return new Settings(Long.getLong("siban.fuzz.seed", 20261130L), Integer.getInteger("siban.fuzz.requests", 2500),
                    Duration.ofSeconds(Long.getLong("siban.fuzz.timeout-seconds", 10)), Integer.getInteger("siban.fuzz.throttled-budget", 25));
        }
    }

    /** One distinct failure: the first request that showed it and how many did. */
    public record Failure(String key, String problem, String reproduction, int count) {
    }

    public record Result(Settings settings, int sent, Map<Integer, Integer> statuses, Map<String, Integer> kinds,
                         List<Failure> failures, int failedRequests, int acceptable503, int retried, Duration elapsed, List<String> slowest) {
        public String summary() {
            StringBuilder s = new StringBuilder();
            s.append("fuzz seed=").append(settings.seed()).append(" requests=").append(sent)
                    .append(" failed requests=").append(failedRequests).append(" distinct failures=").append(failures.size()).append('\n');
            s.append("statuses:");
            statuses.forEach((status, count) -> s.append(' ').append(status == 0 ? "no-answer" : status).append('=').append(count));
            s.append('\n');
            s.append("took ").append(elapsed.toMillis()).append(" ms; slowest: ").append(String.join(", ", slowest)).append('\n');
            if (retried > 0) {
                s.append("sent again after the server had closed the pooled connection: ").append(retried).append('\n');
            }
            if (acceptable503 > 0) {
                s.append("503 with Retry-After (accepted, but no outage was staged): ").append(acceptable503).append('\n');
            }
            return s.toString();
        }

        public String report() {
            StringBuilder s = new StringBuilder(summary());
            s.append("reproduce: -Dsiban.fuzz.seed=").append(settings.seed()).append(" -Dsiban.fuzz.requests=").append(settings.requests()).append("\n\n");
            for (Failure failure : failures) {
                s.append("FAIL ").append(failure.key()).append(" (").append(failure.count()).append(" requests)\n  ")
                        .append(failure.problem()).append('\n').append(failure.reproduction()).append('\n');
            }
            return s.toString();
        }
    }

    private final URI base;
    private final Fixture fixture;
    private final Settings settings;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client;

    public ApiFuzzer(URI base, Fixture fixture, Settings settings) {
        this.base = base;
        this.fixture = fixture;
        this.settings = settings;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Result run() throws IOException, InterruptedException {
        OpenApiDoc doc = new OpenApiDoc(fetchDocument());
        List<Operation> operations = doc.operations();
        Map<String, List<String>> methodsByPath = new LinkedHashMap<>();
        operations.forEach(op -> methodsByPath.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op.method()));
        List<String> identities = new ArrayList<>(fixture.tokens().keySet());
        identities.add(0, "none");
        Mutations mutations = new Mutations(new Values(doc, fixture));

        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Failure> failures = new LinkedHashMap<>();
        Map<String, Integer> throttledSent = new TreeMap<>();
        int failed = 0;
        int acceptable503 = 0;
        int sent = 0;
        int retried = 0;
        long started = System.nanoTime();
        TreeMap<Long, String> slow = new TreeMap<>();
        System.out.println("[fuzz] seed " + settings.seed() + ", " + settings.requests() + " requests over " + operations.size()
                + " operations (-Dsiban.fuzz.seed=" + settings.seed() + ")");
        for (int i = 0; sent < settings.requests(); i++) {
            Operation op = operations.get(i % operations.size());
            if (THROTTLED.contains(op.name())) {
                int n = throttledSent.merge(op.name(), 1, Integer::sum);
                if (n > settings.throttledBudget()) {
                    continue;
                }
            }
            SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + i);
            Draft draft = mutations.make(op, identities, methodsByPath.get(op.path()), random);
            sent++;
            kinds.merge(draft.kind.replaceAll(":.*", ""), 1, Integer::sum);
            long t0 = System.nanoTime();
            Answer answer = send(draft);
            if (answer.status() == 0 && answer.error().contains("received no bytes")) {
                // a pooled keep-alive connection the server had just closed: the request never reached it
                retried++;
                answer = send(draft);
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            slow.put(took * 100_000 + i % 100_000, took + " ms #" + i + " " + op.name() + " " + draft.kind);
            if (slow.size() > 5) {
                slow.pollFirstEntry();
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 503 && answer.retryAfter()) {
                acceptable503++;
            }
            List<String> problems = check(draft, answer);
            if (!problems.isEmpty()) {
                failed++;
                String problem = String.join("; ", problems);
                boolean httpLayer = answer.status() == 413 || answer.status() == 414 || answer.status() == 431;
                String key = (httpLayer ? "(any operation)" : op.name()) + " | " + draft.kind + " | " + answer.status() + " | " + problems.get(0).replaceAll(":.*", "");
                Failure known = failures.get(key);
                failures.put(key, known == null ? new Failure(key, problem, reproduction(i, draft, answer), 1)
                        : new Failure(key, known.problem(), known.reproduction(), known.count() + 1));
            }
        }
        Result result = new Result(settings, sent, statuses, kinds, List.copyOf(failures.values()), failed, acceptable503, retried,
                Duration.ofNanos(System.nanoTime() - started), List.copyOf(slow.descendingMap().values()));
        Path out = Path.of("target", "fuzz");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.txt"), result.report());
        Files.writeString(out.resolve("summary.txt"), result.summary());
        System.out.print("[fuzz] " + result.summary());
        return result;
    }

    private JsonNode fetchDocument() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .timeout(settings.timeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the OpenAPI document answered " + response.statusCode());
        }
        return mapper.readTree(response.body());
    }

    record Answer(int status, String contentType, String body, boolean retryAfter, String error) {
    }

    /** A documentation address (TEST-NET-1): only ever a header value, never a destination. */
    static final String FUZZ_CLIENT = "192.0.2.77";

    private Answer send(Draft draft) throws InterruptedException {
        HttpRequest request;
        try {
            byte[] bytes = draft.bytes();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + draft.target().substring(1)))
                    .timeout(settings.timeout())
                    .method(draft.method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (draft.hasBody() && draft.contentType != null) {
                builder.header("Content-Type", draft.contentType);
            }
            for (String[] header : draft.headers) {
                builder.header(header[0], header[1]);
            }
            // the run speaks as a client address of its own (the test profile trusts loopback as a proxy), so
            // the logins and lookups it throttles never hold back the tests that run after it from 127.0.0.1
            builder.header("X-Forwarded-For", FUZZ_CLIENT);
            request = builder.build();
        } catch (IllegalArgumentException unsendable) {
            return new Answer(-1, null, null, false, "the client cannot send it: " + unsendable.getMessage());
        }
        try {
            if (draft.op.streams() && draft.method.equals(draft.op.method())) {
                return stream(request);
            }
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            try {
                HttpResponse<byte[]> response = future.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                return answer(response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
            } catch (TimeoutException e) {
                future.cancel(true);
                return new Answer(0, null, null, false, "no complete answer within " + settings.timeout());
            }
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String what = cause instanceof java.net.http.HttpTimeoutException ? "no answer within " + settings.timeout()
                    : "connection failed: " + cause;
            return new Answer(0, null, null, false, what);
        }
    }

    /** A stream is opened, its status and type checked, and closed; its body is read only when it is an error. */
    private Answer stream(HttpRequest request) throws IOException, InterruptedException, ExecutionException {
        CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Answer(0, null, null, false, "no stream headers within " + settings.timeout());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            if (type.startsWith("text/event-stream")) {
                return answer(response.statusCode(), response.headers(), "");
            }
            return answer(response.statusCode(), response.headers(), new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8));
        }
    }

    private Answer answer(int status, java.net.http.HttpHeaders headers, String body) {
        return new Answer(status, headers.firstValue("Content-Type").orElse(null), body,
                headers.firstValue("Retry-After").isPresent(), null);
    }

    private List<String> check(Draft draft, Answer answer) {
        List<String> problems = new ArrayList<>();
        if (answer.status() == -1) {
            return problems;
        }
        if (answer.error() != null) {
            problems.add((answer.error().startsWith("connection") ? "connection: " : "hang: ") + answer.error());
            return problems;
        }
        int status = answer.status();
        if (status >= 500 && !(status == 503 && answer.retryAfter())) {
            problems.add("5xx: answered " + status);
        }
        if (status >= 400 && !answeredByTheHttpDecoder(answer)) {
            String type = answer.contentType() == null ? "" : answer.contentType();
            if (!type.startsWith("application/problem+json")) {
                problems.add("not problem+json: " + status + " with Content-Type " + (type.isEmpty() ? "(none)" : type));
            } else {
                try {
                    JsonNode problem = mapper.readTree(answer.body());
                    if (problem == null || problem.path("status").asInt(-1) != status) {
                        problems.add("problem status: body status " + (problem == null ? "?" : problem.path("status")) + " for HTTP " + status);
                    }
                    if (problem == null || problem.path("title").asText("").isBlank()) {
                        problems.add("problem title: missing");
                    }
                } catch (IOException e) {
                    problems.add("problem body: not JSON");
                }
            }
        }
        if (status >= 200 && status < 300 && draft.op.streams() && draft.method.equals(draft.op.method())
                && (answer.contentType() == null || !answer.contentType().startsWith("text/event-stream"))) {
            problems.add("stream type: " + answer.contentType());
        }
        if (answer.body() != null) {
            var m = JAVA_TYPE.matcher(answer.body());
            if (m.find()) {
                int from = Math.max(0, m.start() - 60);
                problems.add("java type: ..." + answer.body().substring(from, Math.min(answer.body().length(), m.end() + 60)) + "...");
            }
        }
        return problems;
    }

    /**
     * 414 (request line over 4 KiB) and 431 (headers over 20 KiB) are answered by Vert.x's HTTP decoder before any
     * handler runs, with no body; Quarkus offers no hook to shape them (docs/security.md). Exactly these pass.
     */
    static boolean answeredByTheHttpDecoder(Answer answer) {
        return (answer.status() == 414 || answer.status() == 431) && answer.contentType() == null
                && (answer.body() == null || answer.body().isEmpty());
    }

    private String reproduction(int index, Draft draft, Answer answer) {
        StringBuilder s = new StringBuilder();
        s.append("  request #").append(index).append(" of seed ").append(settings.seed()).append(", as ").append(draft.identity)
                .append(", input ").append(draft.kind).append('\n');
        String target = draft.target();
        s.append("  ").append(draft.method).append(' ').append(shorten(target, 300)).append('\n');
        if (draft.hasBody() && draft.contentType != null) {
            s.append("  Content-Type: ").append(draft.contentType).append('\n');
        }
        for (String[] header : draft.headers) {
            String value = header[1];
            if (header[0].equals("Authorization")) {
                value = fixture.tokens().containsValue(value.replace("Bearer ", "")) ? "Bearer <" + draft.identity + " token>" : shorten(value, 80);
            }
            s.append("  ").append(header[0]).append(": ").append(shorten(value, 120)).append('\n');
        }
        if (draft.hasBody()) {
            String body = draft.rawBodyNote != null ? draft.rawBodyNote : new String(draft.bytes(), StandardCharsets.UTF_8);
            s.append("  body: ").append(shorten(body, 600)).append('\n');
        }
        s.append("  -> ").append(answer.status() == 0 ? answer.error() : answer.status() + " " + answer.contentType())
                .append(answer.body() == null || answer.body().isEmpty() ? "" : " " + shorten(answer.body(), KEEP_BODY)).append('\n');
        return s.toString();
    }

    private static String shorten(String text, int max) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        if (oneLine.length() <= max) {
            return oneLine;
        }
        // long runs of one character (the huge inputs) are shown as "x × n"
        return oneLine.substring(0, max / 2) + " …(" + oneLine.length() + " chars)… " + oneLine.substring(oneLine.length() - max / 4);
    }
}

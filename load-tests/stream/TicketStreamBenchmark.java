import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-ticket stream benchmark's client (run by load-tests/bin/ticket-stream-benchmark; plain JDK 17, no
 * dependency): sets up a hall with one queue, issues STREAMS tickets, opens one ticket stream per ticket
 * (GET /api/v1/tickets/{id}/events?key=, HTTP/1.1, read asynchronously), then calls CALLS tickets at window 1
 * one after the other (a pause of GAP ms between calls; each called ticket is cancelled to free the window)
 * and measures, per subscriber and call, the time from the call's 200 (and from its request, an upper
 * bound of the commit) to the arrival of the ticket.position telling that subscriber its new place.
 * Writes a JSON summary to the file given by --out.
 */
public final class TicketStreamBenchmark {
    static String base = "http://127.0.0.1:8093";
    static int streams = 2000;
    static int calls = 40;
    static long gapMs = 400;
    static String out = "load-tests/results/ticket-stream-benchmark.json";
    static String adminUser = "admin";
    static String adminPassword = "admin";

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(2)).build();
    static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");

    record Ticket(String id, String key) {
    }

    /** One stream: the places it was told, with their arrival times. */
    static final class Subscriber implements Flow.Subscriber<String> {
        final Ticket ticket;
        final CountDownLatch first;
        final Semaphore opening;
        volatile int initial = -1;
        volatile boolean refused;
        final ConcurrentLinkedQueue<long[]> places = new ConcurrentLinkedQueue<>();
        private String event;
        private Flow.Subscription subscription;

        Subscriber(Ticket ticket, CountDownLatch first, Semaphore opening) {
            this.ticket = ticket;
            this.first = first;
            this.opening = opening;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "ticket.position".equals(event)) {
                Matcher m = POSITION.matcher(line);
                if (m.find()) {
                    int position = Integer.parseInt(m.group(1));
                    if (initial < 0) {
                        initial = position;
                        first.countDown();
                        opening.release();
                    } else {
                        places.add(new long[]{position, now});
                    }
                }
            } else if (line.isEmpty()) {
                event = null;
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--base" -> base = args[i + 1];
                case "--streams" -> streams = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--gap-ms" -> gapMs = Long.parseLong(args[i + 1]);
                case "--out" -> out = args[i + 1];
                case "--admin-password" -> adminPassword = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String admin = field(send("POST", "/api/v1/auth/token", null,
                "{\"username\":\"" + adminUser + "\",\"password\":\"" + adminPassword + "\"}", 200), "accessToken");
        String hall = "sb-" + Long.toString(System.currentTimeMillis(), 36);
        send("POST", "/api/v1/halls", admin, "{\"code\":\"" + hall + "\",\"name\":\"Stream benchmark " + hall + "\"}", 201);
        send("POST", "/api/v1/halls/" + hall + "/queues", admin, "{\"code\":\"A\",\"prefix\":\"A\",\"name\":\"Queue A\"}", 201);
        send("POST", "/api/v1/halls/" + hall + "/windows", admin,
                "{\"number\":1,\"name\":\"W1\",\"queues\":[\"A\"],\"status\":\"OPEN\"}", 201);
        String kiosk = field(send("POST", "/api/v1/devices", admin, "{\"name\":\"bench kiosk\",\"role\":\"kiosk\",\"hall\":\"" + hall
                + "\",\"ticketsPerMinute\":100000}", 201), "token");

        System.out.printf("[bench] hall %s: issuing %d tickets%n", hall, streams);
        List<Ticket> tickets = new ArrayList<>();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Ticket>> issued = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            inFlight.acquire();
            issued.add(sendAsync("POST", "/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", 201)
                    .thenApply(body -> new Ticket(field(body, "id"), field(body, "accessKey")))
                    .whenComplete((t, e) -> inFlight.release()));
        }
        for (CompletableFuture<Ticket> f : issued) {
            tickets.add(f.get(60, TimeUnit.SECONDS));
        }

        System.out.printf("[bench] opening %d ticket streams%n", streams);
        CountDownLatch first = new CountDownLatch(streams);
        List<Subscriber> subscribers = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        long opening = System.nanoTime();
        // phones connect over a while, not all in the same millisecond: at most OPENING streams wait for their first event
        Semaphore opening_ = new Semaphore(64);
        java.util.Map<Integer, AtomicInteger> refusals = new java.util.concurrent.ConcurrentHashMap<>();
        for (Ticket t : tickets) {
            opening_.acquire();
            Subscriber s = new Subscriber(t, first, opening_);
            subscribers.add(s);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets/" + t.id() + "/events?key="
                    + URLEncoder.encode(t.key(), StandardCharsets.UTF_8))).header("Accept", "text/event-stream").GET().build();
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(s)).thenAccept(r -> {
                if (r.statusCode() != 200) {
                    s.refused = true;
                    refused.incrementAndGet();
                    refusals.computeIfAbsent(r.statusCode(), c -> new AtomicInteger()).incrementAndGet();
                    first.countDown();
                    opening_.release();
                }
            });
        }
        if (!first.await(120, TimeUnit.SECONDS)) {
            System.out.printf("[bench] only %d of %d streams gave their first event%n", streams - first.getCount(), streams);
        }
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        System.out.printf("[bench] %d streams open in %.1f s (%d refused, by status %s); calling %d tickets, %d ms apart%n",
                streams - refused.get(), openSeconds, refused.get(), refusals, calls, gapMs);
        Thread.sleep(2000);

        long[] requested = new long[calls + 1];
        long[] answered = new long[calls + 1];
        for (int k = 1; k <= calls; k++) {
            requested[k] = System.nanoTime();
            String called = send("POST", "/api/v1/halls/" + hall + "/windows/1/call-next", admin, null, 200);
            answered[k] = System.nanoTime();
            send("DELETE", "/api/v1/tickets/" + field(called, "id"), admin, null, 200);
            Thread.sleep(gapMs);
        }
        Thread.sleep(3000);

        // position p after the k-th call for a ticket first at position P: k = P - p; a jump of several places
        // tells every call it covers at once
        List<Double> fromAnswer = new ArrayList<>();
        List<Double> fromRequest = new ArrayList<>();
        int expected = 0;
        int silent = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            Subscriber s = subscribers.get(i);
            if (s.initial < 0) {
                if (!s.refused) {
                    // admitted but never told its first place: every place it should have been told is late
                    // (its place is taken as its rank in the issue order)
                    silent++;
                    expected += Math.min(calls, i);
                }
                continue;
            }
            int callsSeen = Math.min(calls, s.initial - 1);
            expected += callsSeen;
            int told = 0;
            for (long[] place : s.places) {
                int k = s.initial - (int) place[0];
                for (int j = told + 1; j <= Math.min(k, calls); j++) {
                    fromAnswer.add((place[1] - answered[j]) / 1e6);
                    fromRequest.add((place[1] - requested[j]) / 1e6);
                }
                told = Math.max(told, k);
            }
        }
        subscribers.forEach(Subscriber::cancel);
        double[] a = fromAnswer.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] r = fromRequest.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long within = Arrays.stream(a).filter(x -> x <= 250).count();
        long withinRequest = Arrays.stream(r).filter(x -> x <= 250).count();
        // a place never told counts as late
        double share = expected == 0 ? 0 : (double) within / expected;
        double shareRequest = expected == 0 ? 0 : (double) withinRequest / expected;
        String json = String.format(Locale.ROOT, """
                {"streams": %d, "refused": %d, "openSeconds": %.1f, "calls": %d, "gapMs": %d, "expectedDeliveries": %d, "deliveries": %d, "silentStreams": %d,
                 "fromCallAnswerMs": {"min": %.1f, "p50": %.1f, "p90": %.1f, "p99": %.1f, "max": %.1f},
                 "fromCallRequestMs": {"min": %.1f, "p50": %.1f, "p90": %.1f, "p99": %.1f, "max": %.1f},
                 "shareWithin250msOfAnswer": %.4f, "shareWithin250msOfRequest": %.4f}
                """, streams - refused.get(), refused.get(), openSeconds, calls, gapMs, expected, a.length, silent,
                pct(a, 0), pct(a, 50), pct(a, 90), pct(a, 99), pct(a, 100),
                pct(r, 0), pct(r, 50), pct(r, 90), pct(r, 99), pct(r, 100), share, shareRequest);
        Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
        Files.writeString(Path.of(out), json);
        System.out.print(json);
        System.exit(0);
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    static String send(String method, String path, String token, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static CompletableFuture<String> sendAsync(String method, String path, String token, String body, int expected) {
        return HTTP.sendAsync(request(method, path, token, body), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        });
    }
}

package io.siban.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Idempotent setup of the load halls, run once before a simulation starts: halls {@code load-1..N}
 * with queues A, B, C; W windows each serving all three queues, OPEN; one kiosk device token per hall;
 * one clerk account per hall window ({@code load-clerk-<hall>-<window>}), scoped to all load halls.
 * Anything that already exists (409) is kept; windows that exist are re-opened on A, B, C.
 * Kiosk devices cannot be looked up again (their token is shown once), so each run registers new ones.
 */
public final class LoadFixture {
    public static final List<String> QUEUES = List.of("A", "B", "C");

    /** Feeder rows for kiosks: {@code hall}, {@code kioskToken}. */
    public final List<Map<String, Object>> kiosks = new ArrayList<>();
    /** Feeder rows for clerks, one per window: {@code hall}, {@code window}, {@code username}, {@code clerkToken}. */
    public final List<Map<String, Object>> clerks = new ArrayList<>();

    private LoadFixture() {
    }

    public static LoadFixture prepare(LoadConfig config, boolean withClerks) {
        long started = System.nanoTime();
        System.out.println("[load-setup] " + config);
        Api api = new Api(config.baseUrl);
        String admin = api.login(config.adminUser, config.adminPassword);
        if (admin == null) throw new IllegalStateException("admin login gave no accessToken");

        List<String> halls = IntStream.rangeClosed(1, config.halls).mapToObj(config::hallCode).toList();
        String queuesJson = QUEUES.stream().map(Api::quote).collect(Collectors.joining(",", "[", "]"));
        LoadFixture fixture = new LoadFixture();
        int created = 0;
        for (String hall : halls) {
            created += api.expect("POST", "/api/v1/halls", admin, Api.json("code", hall, "name", "Load hall " + hall), 201, 409).status() == 201 ? 1 : 0;
            for (String queue : QUEUES) {
                created += api.expect("POST", "/api/v1/halls/" + hall + "/queues", admin,
                        Api.json("code", queue, "prefix", queue, "name", "Load queue " + queue), 201, 409).status() == 201 ? 1 : 0;
            }
            for (int w = 1; w <= config.windows; w++) {
                String body = "{\"number\":" + w + ",\"name\":" + Api.quote("W" + w) + ",\"queues\":" + queuesJson + ",\"status\":\"OPEN\"}";
                Api.Answer window = api.expect("POST", "/api/v1/halls/" + hall + "/windows", admin, body, 201, 409);
                if (window.status() == 201) {
                    created++;
                } else {
                    api.expect("PATCH", "/api/v1/halls/" + hall + "/windows/" + w, admin,
                            "{\"status\":\"OPEN\",\"queues\":" + queuesJson + "}", 200);
                }
            }
            String token = api.expect("POST", "/api/v1/devices", admin,
                    "{\"name\":" + Api.quote("load kiosk " + hall) + ",\"role\":\"kiosk\",\"hall\":" + Api.quote(hall)
                            // a load kiosk prints as fast as the test drives it, past the 60 a minute of a real one
                            + ",\"ticketsPerMinute\":1000000}", 201).field("token");
            if (token == null) throw new IllegalStateException("device registration for " + hall + " gave no token");
            Map<String, Object> kiosk = new HashMap<>();
            kiosk.put("hall", hall);
            kiosk.put("kioskToken", token);
            fixture.kiosks.add(kiosk);
        }

        if (withClerks) {
            String hallsJson = halls.stream().map(Api::quote).collect(Collectors.joining(",", "[", "]"));
            for (int h = 1; h <= config.halls; h++) {
                String hall = config.hallCode(h);
                for (int w = 1; w <= config.windows; w++) {
                    String username = config.clerkUser(h, w);
                    String body = "{\"username\":" + Api.quote(username) + ",\"password\":" + Api.quote(config.clerkPassword)
                            + ",\"roles\":[\"clerk\"],\"halls\":" + hallsJson + ",\"windows\":[" + w + "]}";
                    created += api.expect("POST", "/api/v1/staff", admin, body, 201, 409).status() == 201 ? 1 : 0;
                    Api.Answer login = api.expect("POST", "/api/v1/auth/token", null,
                            Api.json("username", username, "password", config.clerkPassword), 200);
                    if (!login.body().contains(Api.quote(hall))) {
                        throw new IllegalStateException(username + " exists but is not scoped to " + hall
                                + " (created by an earlier run with fewer halls?): " + login.body());
                    }
                    Map<String, Object> clerk = new HashMap<>();
                    clerk.put("hall", hall);
                    clerk.put("window", w);
                    clerk.put("username", username);
                    clerk.put("clerkToken", login.field("accessToken"));
                    fixture.clerks.add(clerk);
                }
            }
        }
        System.out.printf("[load-setup] ready in %d ms: %d halls, %d windows each, %d kiosk tokens, %d clerk tokens, %d things created%n",
                (System.nanoTime() - started) / 1_000_000, config.halls, config.windows, fixture.kiosks.size(),
                fixture.clerks.size(), created);
        return fixture;
    }
}

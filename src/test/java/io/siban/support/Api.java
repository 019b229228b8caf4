package io.siban.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/** Logs in the way clients do and keeps the tokens for the rest of the suite. */
public final class Api {
    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> TICKET_KEYS = new ConcurrentHashMap<>();

    private Api() {
    }

    public static String adminToken() {
        return TOKENS.computeIfAbsent("admin", k -> login("admin", ADMIN_PASSWORD));
    }

    /** A token for a fresh staff account with the role on the halls (created once per role+halls). */
    public static String staffToken(String role, String... halls) {
        String key = role + ":" + String.join(",", halls);
        return TOKENS.computeIfAbsent(key, k -> {
            String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
            createStaff(username, "password-" + username, List.of(role), List.of(halls));
            return login(username, "password-" + username);
        });
    }

    /** A clerk created here works at windows 1 to 99 of their halls: every window the tests make. */
    public static void createStaff(String username, String password, List<String> roles, List<String> halls) {
        List<Integer> windows = roles.contains("clerk") ? java.util.stream.IntStream.rangeClosed(1, 99).boxed().toList() : List.of();
        as(adminToken()).body(Map.of("username", username, "password", password, "roles", roles, "halls", halls, "windows", windows))
                .post("/api/v1/staff").then().statusCode(201);
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A kiosk device token for the hall (one per hall for the suite), with an issuing limit no test reaches by accident. */
    public static String kioskToken(String hall) {
        return TOKENS.computeIfAbsent("kiosk:" + hall, k -> as(adminToken())
                .body(Map.of("name", "kiosk", "role", "kiosk", "hall", hall, "ticketsPerMinute", 100_000))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token"));
    }

    /** Keeps the access key of an issue answer, so that tests can act as the ticket's holder; the ticket's id. */
    public static String kept(ExtractableResponse<Response> issued) {
        String id = issued.path("id");
        TICKET_KEYS.put(id, issued.path("accessKey"));
        return id;
    }

    /** A request as the holder of the ticket: with its access key, and no token. */
    public static RequestSpecification holder(String ticketId) {
        String key = TICKET_KEYS.get(ticketId);
        if (key == null) {
            throw new IllegalStateException("no access key kept for ticket " + ticketId);
        }
        return anonymous().header("X-Ticket-Key", key);
    }

    /** Creates an open window serving the queues. */
    public static void window(String hall, int number, String... queues) {
        as(adminToken()).body(Map.of("number", number, "name", "Window " + number, "queues", List.of(queues), "status", "OPEN"))
                .post("/api/v1/halls/" + hall + "/windows").then().statusCode(201);
    }

    /** Creates an open hall with two queues (A, B) and two open windows (1: A, 2: A+B) unless it exists. */
    public static String hall(String code) {
        String admin = adminToken();
        int status = RestAssured.given().get("/api/v1/halls/" + code).statusCode();
        if (status == 404) {
            as(admin).body(Map.of("code", code, "name", "Test hall " + code)).post("/api/v1/halls").then().statusCode(201);
            as(admin).body(Map.of("code", "A", "prefix", "A", "name", "Queue A")).post("/api/v1/halls/" + code + "/queues").then().statusCode(201);
            as(admin).body(Map.of("code", "B", "prefix", "B", "name", "Queue B")).post("/api/v1/halls/" + code + "/queues").then().statusCode(201);
            as(admin).body(Map.of("number", 1, "name", "Window 1", "queues", List.of("A"), "status", "OPEN")).post("/api/v1/halls/" + code + "/windows").then().statusCode(201);
            as(admin).body(Map.of("number", 2, "name", "Window 2", "queues", List.of("A", "B"), "status", "OPEN")).post("/api/v1/halls/" + code + "/windows").then().statusCode(201);
        }
        return code;
    }
}

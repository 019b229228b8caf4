package io.siban.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.siban.support.Api;
import io.siban.support.RedisServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.siban.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

/** Login throttling counts per client address, never locks the account, and counts before it checks. */
@QuarkusTest
class LoginThrottleTest {
    @Inject
    SecurityConfig config;

    @Test
    void elevenWrongLoginsFromOneAddressDoNotStopTheOwnerFromAnother() {
        String username = staff("owner");
        String attacker = address();
        int limit = config.login().perSubjectAndAddress();
        for (int i = 0; i < limit; i++) {
            login(username, "wrong-" + i, attacker).then().statusCode(401);
        }
        login(username, "wrong-again", attacker).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        login(username, "password-" + username, attacker).then().statusCode(429);

        login(username, "password-" + username, address()).then().statusCode(200);
    }

    @Test
    void fiftyParallelWrongGuessesReachThePasswordCheckOnlyTheConfiguredNumberOfTimes() throws Exception {
        String username = staff("target");
        String attacker = address();
        List<Integer> statuses = parallel(50, i -> login(username, "guess-" + i, attacker).statusCode());
        assertThat(statuses).as("answered 401 after a password check").filteredOn(s -> s == 401)
                .hasSize(config.login().perSubjectAndAddress());
        assertThat(statuses).as("refused before the password check").filteredOn(s -> s == 429)
                .hasSize(50 - config.login().perSubjectAndAddress());
    }

    @Test
    void guessesSpreadOverManyUsernamesAreCountedPerAddress() {
        String attacker = address();
        int perAddress = config.login().perAddress();
        for (int i = 0; i < perAddress; i++) {
            login("nobody-" + UUID.randomUUID(), "whatever1", attacker).then().statusCode(401);
        }
        login("nobody-" + UUID.randomUUID(), "whatever1", attacker).then().statusCode(429);
        String username = staff("bystander");
        login(username, "password-" + username, address()).then().statusCode(200);
    }

    @Test
    void theWaitGrowsWhileSomeoneKeepsHammering() {
        String username = staff("hammered");
        String attacker = address();
        for (int i = 0; i < config.login().perSubjectAndAddress(); i++) {
            login(username, "wrong-" + i, attacker).then().statusCode(401);
        }
        long first = Long.parseLong(login(username, "wrong", attacker).then().statusCode(429).extract().header("Retry-After"));
        long second = Long.parseLong(login(username, "wrong", attacker).then().statusCode(429).extract().header("Retry-After"));
        long third = Long.parseLong(login(username, "wrong", attacker).then().statusCode(429).extract().header("Retry-After"));
        assertThat(first).isBetween(config.login().window().toSeconds() - 2, config.login().window().toSeconds());
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second).isLessThanOrEqualTo(config.login().maxWait().toSeconds());
    }

    @Test
    void successfulLoginsDoNotAddUp() {
        String username = staff("busy");
        String desk = address();
        for (int i = 0; i < config.login().perSubjectAndAddress() + 5; i++) {
            login(username, "password-" + username, desk).then().statusCode(200);
        }
        login(username, "typo", desk).then().statusCode(401);
    }

    @Test
    void loginsStillWorkWhileRedisIsDown() {
        String username = staff("outage");
        RedisServer.stop();
        try {
            login(username, "password-" + username, address()).then().statusCode(200);
            login(username, "wrong", address()).then().statusCode(401);
        } finally {
            RedisServer.start();
        }
    }

    static String staff(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.createStaff(username, "password-" + username, List.of("clerk"), List.of());
        return username;
    }

    static Response login(String username, String password, String address) {
        return anonymous().header("X-Forwarded-For", address).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token");
    }

    /** A documentation-range address (TEST-NET-3) of its own for each caller. */
    static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    static List<Integer> parallel(int n, java.util.function.IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

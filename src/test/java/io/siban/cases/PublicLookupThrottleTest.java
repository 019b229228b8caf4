package io.siban.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.siban.security.SecurityConfig;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The public lookup is limited per client address: guessers are slowed, citizens with their code never locked out. */
@QuarkusTest
class PublicLookupThrottleTest {
    @Inject
    SecurityConfig config;

    @Test
    void theRightCodeStillWorksAfterAnotherClientsManyWrongGuesses() {
        Case c = newCase();
        String attacker = address();
        int limit = config.caseLookup().perSubjectAndAddress();
        for (int i = 0; i < limit; i++) {
            lookup(c.number(), wrong(c.code(), i), attacker).then().statusCode(404);
        }
        for (int i = 0; i < 10; i++) {
            lookup(c.number(), wrong(c.code(), i), attacker).then().statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        }
        lookup(c.number(), c.code(), attacker).then().statusCode(429);

        lookup(c.number(), c.code(), address()).then().statusCode(200).body("caseNumber", equalTo(c.number()));
    }

    @Test
    void spreadingGuessesOverCaseNumbersDoesNotHelp() {
        Case c = newCase();
        String attacker = address();
        int perAddress = config.caseLookup().perAddress();
        String day = c.number().substring(0, c.number().indexOf('-'));
        for (int i = 0; i < perAddress; i++) {
            lookup(day + "-" + CaseNumbers.randomPart(), "123456", attacker).then().statusCode(404);
        }
        lookup(day + "-" + CaseNumbers.randomPart(), "123456", attacker).then().statusCode(429);
        lookup(c.number(), c.code(), attacker).then().statusCode(429);
        lookup(c.number(), c.code(), address()).then().statusCode(200);
    }

    @Test
    void parallelWrongCodesAreCountedBeforeTheyAreChecked() throws Exception {
        Case c = newCase();
        String attacker = address();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return lookup(c.number(), wrong(c.code(), index), attacker).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int limit = config.caseLookup().perSubjectAndAddress();
        assertThat(statuses).as("codes checked").filteredOn(s -> s == 404).hasSize(limit);
        assertThat(statuses).as("refused unchecked").filteredOn(s -> s == 429).hasSize(50 - limit);
    }

    @Test
    void aCitizenLookingOftenWithTheRightCodeIsNotLimited() {
        Case c = newCase();
        String citizen = address();
        for (int i = 0; i < config.caseLookup().perSubjectAndAddress() + 5; i++) {
            lookup(c.number(), c.code(), citizen).then().statusCode(200);
        }
        lookup(c.number().toLowerCase(), c.code(), citizen).then().statusCode(200).body("caseNumber", equalTo(c.number()));
    }

    @Test
    void oddNumbersAndCodesAreA4xxNotAnError() {
        String client = address();
        // a control character is refused at the edge, before the lookup
        lookup("LZ\u0000X", "123456", client).then().statusCode(400).contentType("application/problem+json");
        lookup("X".repeat(300), "123456", client).then().statusCode(404).contentType("application/problem+json");
        Case c = newCase();
        lookup(c.number(), "12345\u0000", client).then().statusCode(400);
        lookup(c.number(), "12345x", client).then().statusCode(404);
        anonymous().header("X-Forwarded-For", client).get("/api/v1/public/cases/" + c.number()).then().statusCode(404);
    }

    record Case(String number, String code) {
    }

    static Case newCase() {
        String hall = CaseResourceTest.hall();
        var created = CaseResourceTest.create(hall, CaseResourceTest.item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS,
                Api.staffToken("clerk", hall)).statusCode(201).extract();
        return new Case(created.path("caseNumber"), created.path("verificationCode"));
    }

    static String wrong(String code, int i) {
        String guess = String.format("%06d", i);
        return guess.equals(code) ? String.format("%06d", 999_999 - i) : guess;
    }

    static Response lookup(String number, String code, String address) {
        return anonymous().header("X-Forwarded-For", address).queryParam("code", code).get("/api/v1/public/cases/" + number);
    }

    static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}

package io.siban.cases;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.FailureCounter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** Failed public lookups per case number and minute, across instances, against guessing codes. */
@ApplicationScoped
public class LookupThrottle {
    static final int ATTEMPTS_PER_MINUTE = 10;
    private final FailureCounter failures;

    @Inject
    public LookupThrottle(ReactiveRedisDataSource redis) {
        this.failures = new FailureCounter(redis, "siban:lookup-failures:", () -> ATTEMPTS_PER_MINUTE, Duration.ofMinutes(1),
                "too many lookups of this case number; wait a minute");
    }

    Uni<Void> check(String caseNumber) {
        return failures.check(caseNumber);
    }

    Uni<Void> recordFailure(String caseNumber) {
        return failures.record(caseNumber);
    }
}

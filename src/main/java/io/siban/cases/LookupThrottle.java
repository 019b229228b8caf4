package io.siban.cases;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.RateLimit;
import io.siban.common.RateLimit.Count;
import io.siban.security.SecurityConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Public lookups per client address (over all case numbers, so spreading guesses does not help)
 * and per (case number, client address), across instances. Each lookup is counted before the code
 * is checked; a right code gives its count back. Nobody else's guesses can lock a citizen out.
 */
@ApplicationScoped
public class LookupThrottle {
    private static final int MAX_SUBJECT = 64;
    private final RateLimit limit;
    private final SecurityConfig.Throttle config;

    @Inject
    public LookupThrottle(ReactiveRedisDataSource redis, SecurityConfig config) {
        this.config = config.caseLookup();
        this.limit = new RateLimit(redis, this.config.window(), this.config.maxWait());
    }

    public Uni<Void> acquire(String address, String caseNumber) {
        return limit.acquire("too many wrong case lookups from this address; wait before trying again", counts(address, caseNumber));
    }

    public Uni<Void> succeeded(String address, String caseNumber) {
        return limit.release(counts(address, caseNumber));
    }

    private Count[] counts(String address, String caseNumber) {
        String subject = CaseNumbers.normalize(caseNumber);
        subject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
        return new Count[]{new Count("siban:lookup:{" + address + "}", config.perAddress()),
                new Count("siban:lookup:{" + address + "}:case:" + subject, config.perSubjectAndAddress())};
    }
}

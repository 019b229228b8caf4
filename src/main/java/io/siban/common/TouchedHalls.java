package io.siban.common;

import io.smallrye.mutiny.Uni;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The halls whose live counters must be recounted at the next sweep: marked any time, recounted once each. */
public final class TouchedHalls {
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    public void touch(String hall) {
        dirty.add(hall);
    }

    /** Recounts each hall touched since the last call, one after another. */
    public Uni<Void> recountEach(Function<String, Uni<?>> recount) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String hall : Set.copyOf(dirty)) {
            dirty.remove(hall);
            chain = chain.chain(() -> recount.apply(hall).replaceWithVoid());
        }
        return chain;
    }
}

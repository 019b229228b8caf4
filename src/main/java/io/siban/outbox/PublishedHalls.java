package io.siban.outbox;

import io.smallrye.mutiny.Uni;

/**
 * Told after each publication which halls had events in it, before the publisher's next batch (a
 * feature's view of the halls, as CDI beans; the publisher knows none of them).
 */
public interface PublishedHalls {
    Uni<Void> published(java.util.Set<String> halls);
}

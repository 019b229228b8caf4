package io.siban.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The hall's line order, built once from the configured head starts and shared by issuing and calling. */
@ApplicationScoped
class LineOrderProducer {
    @Produces
    @Singleton
    LineOrder lineOrder(QueueConfig config) {
        return LineOrder.from(config);
    }
}

package io.siban.cases.sla;

import io.smallrye.mutiny.Uni;

/**
 * A card subject whose name, index and two statements are fixed when it is made; the subjects say only
 * what a card changes. Subjects are {@code @Singleton} beans (made once, through their constructor, never
 * proxied).
 */
public abstract class StoredCards implements CardSubject {
    private final String name;
    private final DeadlineIndex index;
    private final String fire;
    private final String rebuild;

    protected StoredCards(String name, DeadlineIndex index, String fire, String rebuild) {
        this.name = name;
        this.index = index;
        this.fire = fire;
        this.rebuild = rebuild;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeadlineIndex index() {
        return index;
    }

    @Override
    public String fire() {
        return fire;
    }

    @Override
    public String rebuild() {
        return rebuild;
    }

    /** By default a card changes no counter. */
    @Override
    public void fired(String hall) {
    }

    @Override
    public Uni<Void> settle() {
        return Uni.createFrom().voidItem();
    }
}

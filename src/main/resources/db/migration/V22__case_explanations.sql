-- 超时问责 (docs/feedback.md, "The accountability register"): the department's explanation of a card a
-- case received (case_card_change): the cause, who is responsible, the remedy. A later explanation of the
-- same card supersedes the earlier one, which is kept: the register shows the latest, the history all.
create table case_explanation (
    id          bigserial primary key,
    case_id     uuid        not null references service_case (id),
    hall_code   text        not null references hall (code),
    card        text        not null check (card in ('YELLOW', 'RED', 'LEGAL_BREACH')),
    cause       text        not null,
    responsible text        not null,
    remedy      text        not null,
    at          timestamptz not null,
    actor       text        not null
);
create index case_explanation_of on case_explanation (case_id, card, id);

create function case_explanation_is_history() returns trigger language plpgsql as $$
begin
    raise exception 'case explanations are append-only';
end $$;
create trigger case_explanation_is_history before update or delete on case_explanation
    for each row execute function case_explanation_is_history();

-- The register lists the cards received in a period, newest first.
create index case_card_change_at on case_card_change (at);

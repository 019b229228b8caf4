package io.siban.accountability;

import io.siban.accountability.dto.ExplanationView;
import io.siban.accountability.dto.RegisterItem;
import io.siban.common.web.CsvCells;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The register as CSV: the JSON answer's rows, one column per field, the explanation's fields flattened. */
final class RegisterCsv {
    private record Column(String name, Function<RegisterItem, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("caseNumber", RegisterItem::caseNumber),
            new Column("caseId", i -> i.caseId().toString()),
            new Column("hall", RegisterItem::hall),
            new Column("department", RegisterItem::department),
            new Column("itemName", RegisterItem::itemName),
            new Column("category", RegisterItem::category),
            new Column("card", RegisterItem::card),
            new Column("stage", RegisterItem::stage),
            new Column("at", i -> time(i.at())),
            new Column("dueAt", i -> time(i.dueAt())),
            new Column("explanationDue", i -> time(i.explanationDue())),
            new Column("unexplainedOverdue", i -> Boolean.toString(i.unexplainedOverdue())),
            new Column("explanation.cause", explained(ExplanationView::cause)),
            new Column("explanation.responsible", explained(ExplanationView::responsible)),
            new Column("explanation.remedy", explained(ExplanationView::remedy)),
            new Column("explanation.at", explained(e -> time(e.at()))),
            new Column("explanation.actor", explained(ExplanationView::actor)));

    private RegisterCsv() {
    }

    /** The byte order mark and the header line. */
    static String header() {
        return CsvCells.BOM + CsvCells.line(COLUMNS.stream().map(Column::name).toList());
    }

    static String line(RegisterItem item) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (Column c : COLUMNS) {
            cells.add(CsvCells.text(c.value().apply(item)));
        }
        return CsvCells.line(cells);
    }

    private static Function<RegisterItem, String> explained(Function<ExplanationView, String> field) {
        return i -> i.explanation() == null ? null : field.apply(i.explanation());
    }

    private static String time(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }
}

package io.siban.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a KPI report reads: the sums of each key, and the percentiles of the whole (its sums are the rows' sums). */
final class KpiRows {
    final Map<List<String>, KpiSums> byKey = new HashMap<>();
    final KpiSums whole = new KpiSums();
}

package io.siban.demo;

import java.util.List;

/** An item the simulated flow issues tickets and takes cases for. */
record FlowItem(String code, String queue, boolean onlineCapable, List<String> requiredDocuments) {
}

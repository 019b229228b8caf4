package io.siban.metrics;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** The series of one /q/metrics scrape (Prometheus text), by name and labels. */
record Scrape(List<Series> series) {
    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static Scrape of(URL management) {
        String text = given().baseUri("http://" + management.getHost()).port(management.getPort())
                .get("/q/metrics").then().statusCode(200).extract().asString();
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            series.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(series);
    }

    /** The value of the series with exactly these labels, or null when there is none. */
    Double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return series.stream().filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(wanted)))
                .map(Series::value).findFirst().orElse(null);
    }

    /** A histogram bucket: the count of observations at most {@code le} seconds. */
    Double bucket(String name, double le, String... labels) {
        return series.stream().filter(s -> s.name().equals(name + "_bucket") && s.labels().containsKey("le")
                        && !s.labels().get("le").equals("+Inf") && Double.parseDouble(s.labels().get("le")) == le)
                .filter(s -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                            return false;
                        }
                    }
                    return s.labels().size() == labels.length / 2 + 1;
                })
                .map(Series::value).findFirst().orElse(null);
    }

    List<Series> business() {
        return series.stream().filter(s -> s.name().startsWith("siban_")).toList();
    }
}

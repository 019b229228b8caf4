package io.siban.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.siban.catalog.CatalogService;
import io.siban.hall.Hall;
import io.siban.hall.HallService;
import io.siban.hall.WindowStatus;
import io.siban.hall.dto.HallRequest;
import io.siban.hall.dto.QueueRequest;
import io.siban.hall.dto.ServiceHours;
import io.siban.hall.dto.WindowRequest;
import io.siban.staff.AccountService;
import io.siban.staff.DevicePairing;
import io.siban.staff.DeviceService;
import io.siban.security.Roles;
import io.siban.staff.dto.DeviceRequest;
import io.siban.staff.dto.DeviceView;
import io.siban.staff.dto.PairingCode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Demo profile only: a city hall and a county hall (open Saturday mornings too), ~40 items, demo logins, their 90 days of history
 * ({@link DemoHistory}, once), a kiosk token and a pairing code for it. {@link DemoFlow} then keeps them moving.
 */
@ApplicationScoped
public class DemoSeed {
    private static final Logger LOG = Logger.getLogger(DemoSeed.class);
    static final String CITY = "lz-city";
    static final String COUNTY = "gaolan";

    @Inject
    DemoAppointments appointments;
    @Inject
    DemoConfig config;
    @Inject
    HallService halls;
    @Inject
    CatalogService catalog;
    @Inject
    AccountService accounts;
    @Inject
    DeviceService devices;
    @Inject
    DevicePairing pairing;
    @Inject
    ObjectMapper json;
    @Inject
    DemoHistory history;
    static final List<String> DEMO_PROFILES = List.of("demo", "dev", "test");
    @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000")
    int managementPort;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes @Priority(30) StartupEvent event) throws Throwable {
        if (!config.seed()) {
            return;
        }
        List<String> profiles = ConfigUtils.getProfiles();
        if (DEMO_PROFILES.stream().noneMatch(profiles::contains)) {
            // demo logins (admin/admin) and made-up history must never reach a production database
            throw new IllegalStateException("siban.demo.seed is on in profile " + profiles + "; it is for the demo, dev and "
                    + "test profiles only (bin/run); turn it off (SIBAN_DEMO_SEED=false)");
        }
        VertxContextSupport.subscribeAndAwait(this::seedHalls);
        VertxContextSupport.subscribeAndAwait(this::seedItems);
        VertxContextSupport.subscribeAndAwait(this::seedLogins);
        VertxContextSupport.subscribeAndAwait(appointments::seed);
        history.seedAtStartup(List.of(CITY, COUNTY));
        UUID kiosk = VertxContextSupport.subscribeAndAwait(this::kioskDevice);
        String kioskToken = VertxContextSupport.subscribeAndAwait(() -> devices.freshToken(kiosk));
        PairingCode code = VertxContextSupport.subscribeAndAwait(() -> pairing.issue(kiosk));
        writeToken(kioskToken);
        printWhereToLook(kioskToken, code);
    }

    Uni<Void> seedHalls() {
        return exists(CITY).chain(cityExists -> cityExists ? Uni.createFrom().voidItem() : cityHall())
                .chain(() -> exists(COUNTY))
                .chain(countyExists -> countyExists ? countyHours() : countyHall());
    }

    /** The county hall's service hours: its calendar's weekday hours, and Saturday mornings (延时服务), still no working day. */
    static final ServiceHours COUNTY_HOURS = weekdaysAndSaturday(List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00")),
            List.of(List.of("09:00", "12:00")));

    private static ServiceHours weekdaysAndSaturday(List<List<String>> weekday, List<List<String>> saturday) {
        Map<String, List<List<String>>> weekly = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekly.put(day, weekday);
        }
        weekly.put("SATURDAY", saturday);
        return new ServiceHours(weekly, Map.of());
    }

    /** A county hall seeded before it had service hours gets them; hours an admin set since are kept. */
    private Uni<Void> countyHours() {
        return halls.get(COUNTY).chain(hall -> hall.serviceHours() != null ? Uni.createFrom().voidItem()
                : halls.setServiceHours(COUNTY, COUNTY_HOURS).replaceWithVoid());
    }

    @WithSession
    Uni<Boolean> exists(String hall) {
        return Hall.findById(hall).map(h -> h != null);
    }

    private Uni<Void> cityHall() {
        List<String> all = List.of("A", "B", "C", "D", "E");
        Uni<?> chain = halls.create(new HallRequest(CITY, "兰州市政务服务中心", null))
                .chain(() -> halls.addQueue(CITY, new QueueRequest("A", "A", "市场主体登记")))
                .chain(() -> halls.addQueue(CITY, new QueueRequest("B", "B", "社保医保公积金")))
                .chain(() -> halls.addQueue(CITY, new QueueRequest("C", "C", "不动产登记与税务")))
                .chain(() -> halls.addQueue(CITY, new QueueRequest("D", "D", "工程建设项目审批")))
                .chain(() -> halls.addQueue(CITY, new QueueRequest("E", "E", "综合受理")));
        List<List<String>> skills = List.of(List.of("A"), List.of("A"), List.of("B"), List.of("B"), List.of("C"),
                List.of("C"), List.of("D"), List.of("E"), all, all);
        for (int n = 1; n <= 10; n++) {
            int number = n;
            String name = number >= 9 ? number + "号综合窗口(一窗受理)" : number + "号窗口";
            chain = chain.chain(() -> halls.addWindow(CITY, new WindowRequest(number, name, skills.get(number - 1), WindowStatus.OPEN)));
        }
        return chain.replaceWithVoid();
    }

    private Uni<Void> countyHall() {
        Uni<?> chain = halls.create(new HallRequest(COUNTY, "皋兰县政务服务中心", null, COUNTY_HOURS))
                .chain(() -> halls.addQueue(COUNTY, new QueueRequest("A", "A", "综合受理")))
                .chain(() -> halls.addQueue(COUNTY, new QueueRequest("B", "B", "社保医保")))
                .chain(() -> halls.addQueue(COUNTY, new QueueRequest("C", "C", "不动产登记")));
        List<List<String>> skills = List.of(List.of("A", "B", "C"), List.of("A"), List.of("B"), List.of("C"));
        for (int n = 1; n <= 4; n++) {
            int number = n;
            chain = chain.chain(() -> halls.addWindow(COUNTY, new WindowRequest(number, number + "号窗口", skills.get(number - 1), WindowStatus.OPEN)));
        }
        return chain.replaceWithVoid();
    }

    Uni<Void> seedItems() {
        JsonNode items = readItems();
        List<CatalogService.ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            rows.add(catalog.parseJsonRow(i + 1, items.get(i)));
        }
        return catalog.importRows(rows).invoke(result -> {
            if (result.rejected() > 0) {
                LOG.warnf("demo items rejected: %s", result.rejections());
            }
        }).replaceWithVoid();
    }

    Uni<Void> seedLogins() {
        Uni<?> chain = accounts.ensure("admin", "admin", List.of(Roles.ADMIN), List.of(Roles.ALL_HALLS), List.of())
                .chain(() -> accounts.ensure("supervisor", "supervisor", List.of(Roles.SUPERVISOR), List.of(CITY, COUNTY), List.of()))
                .chain(() -> accounts.ensure("reviewer", "reviewer", List.of(Roles.REVIEWER), List.of(CITY, COUNTY), List.of()));
        for (int n = 1; n <= 10; n++) {
            String username = "clerk" + n;
            List<Integer> window = List.of(n);
            chain = chain.chain(() -> accounts.ensure(username, "clerk", List.of(Roles.CLERK), List.of(CITY), window));
        }
        for (int n = 1; n <= 4; n++) {
            String username = clerkOf(COUNTY, n);
            List<Integer> window = List.of(n);
            chain = chain.chain(() -> accounts.ensure(username, "clerk", List.of(Roles.CLERK), List.of(COUNTY), window));
        }
        return chain.replaceWithVoid();
    }

    /** The demo clerk who works at a window: clerk1..clerk10 in the city hall, glclerk1..glclerk4 in the county hall. */
    static String clerkOf(String hall, int window) {
        return (COUNTY.equals(hall) ? "glclerk" : "clerk") + window;
    }

    /** The demo clerk at a window, as the services take them. */
    static io.siban.security.Caller clerkAt(String hall, int window) {
        return new io.siban.security.Caller(clerkOf(hall, window), java.util.Set.of(Roles.CLERK), List.of(hall),
                List.of(Integer.toString(window)));
    }

    /**
     * The demo kiosk, registered once. At every start a fresh token is signed for scripts and load tests (which send it in
     * a header), and a fresh pairing code is printed for the kiosk page.
     */
    Uni<UUID> kioskDevice() {
        return devices.list(CITY).chain(existing -> {
            DeviceView kiosk = existing.stream().filter(d -> d.revokedAt() == null && Roles.KIOSK.equals(d.role())).findFirst().orElse(null);
            if (kiosk != null) {
                return Uni.createFrom().item(kiosk.id());
            }
            return devices.create(new DeviceRequest("演示取号机 1", Roles.KIOSK, CITY, false, null)).map(DeviceView::id);
        });
    }

    private JsonNode readItems() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("demo/items.json")) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("demo/items.json is unreadable", e);
        }
    }

    private void writeToken(String token) {
        try {
            Path file = Path.of(config.kioskTokenFile());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, token);
        } catch (IOException e) {
            LOG.warnf("could not write the demo kiosk token to %s: %s", config.kioskTokenFile(), e.getMessage());
        }
    }

    private void printWhereToLook(String kioskToken, PairingCode code) {
        String base = "http://localhost:" + port;
        String management = "http://localhost:" + managementPort;
        LOG.infof("""

                ================= Siban demo is up =================
                  API docs     %s/q/swagger-ui   (OpenAPI: %s/q/openapi)
                  Health       %s/q/health/ready  Metrics: %s/q/metrics  (management port)
                  Demo halls   %s/api/v1/halls/lz-city  and  /api/v1/halls/gaolan
                  Catalogue    %s/api/v1/items/summary
                  Logins       admin/admin  supervisor/supervisor  reviewer/reviewer  clerk1..clerk10/clerk (gaolan: glclerk1..4/clerk)
                               (POST %s/api/v1/auth/token {"username":"clerk1","password":"clerk"})
                  Kiosk        %s/kiosk/lz-city  pairing code %s (one use, until %s)
                  Kiosk token  (for scripts, in a header; also in %s)
                               %s
                ====================================================""",
                base, base, management, management, base, base, base, base, code.code(), code.expiresAt(), config.kioskTokenFile(), kioskToken);
    }
}

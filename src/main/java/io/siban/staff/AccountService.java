package io.siban.staff;

import io.siban.security.TokenIssuer;
import io.siban.security.SecurityConfig;
import io.siban.security.Roles;
import io.siban.security.PasswordHasher;
import io.siban.security.LoginThrottle;
import io.siban.security.ActivePrincipals;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.siban.common.Clocks;
import io.siban.common.Offload;
import io.siban.common.problem.ProblemException;
import io.siban.hall.Hall;
import io.siban.staff.dto.StaffRequest;
import io.siban.staff.dto.StaffView;
import io.siban.staff.dto.TokenRequest;
import io.siban.staff.dto.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Staff accounts and their logins. */
@ApplicationScoped
public class AccountService {
    @Inject
    SecurityConfig config;
    @Inject
    TokenIssuer tokens;
    @Inject
    LoginThrottle throttle;
    @Inject
    Clocks clocks;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    @Inject
    ActivePrincipals principals;

    /** The account as seeding writes it, unless one of that name exists. */
    static final String INSERT_IF_ABSENT = """
            insert into staff (username, password_hash, roles, halls, windows, active, created_at)
            values ($1, $2, $3, $4, $5, true, $6) on conflict (username) do nothing""";
    static final String ANY_ADMIN = "select exists (select 1 from staff where active and 'admin' = any(roles))";

    /** Compared against when the username is unknown, so both paths cost the same; made on first use. */
    private volatile String decoyHash;

    /** Logs in from the client address; the attempt is counted before the password is checked. */
    public Uni<TokenResponse> login(TokenRequest request, String address) {
        return throttle.acquire(address, request.username())
                .chain(() -> find(request.username()))
                .chain(account -> Offload.cpu(() -> {
                    boolean matches = PasswordHasher.matches(request.password(), account == null ? decoyHash() : account.passwordHash);
                    return matches && account != null && account.active ? account : null;
                }))
                .chain(account -> {
                    if (account == null) {
                        return Uni.createFrom().failure(ProblemException.unauthorized("wrong username or password"));
                    }
                    String token = tokens.forStaff(account.username, account.roleList(), account.hallList(), account.windowList(),
                            account.departmentList());
                    return throttle.succeeded(address, request.username()).replaceWith(new TokenResponse(token,
                            tokens.staffLifetime().toSeconds(), "Bearer", account.roleList(), account.hallList()));
                });
    }

    /** A hash with the configured iterations, as a real account's; racing first calls each make one, which is harmless. */
    String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = PasswordHasher.hash("decoy-password", config.passwordIterations());
            decoyHash = decoy;
        }
        return decoy;
    }

    @WithSession
    Uni<StaffAccount> find(String username) {
        return StaffAccount.findById(username);
    }

    public Uni<StaffView> create(StaffRequest request) {
        List<String> halls = request.halls() == null ? List.of() : request.halls().stream().distinct().toList();
        List<Integer> windows = request.windows() == null ? List.of() : request.windows().stream().distinct().sorted().toList();
        List<String> departments = request.departments() == null ? List.of() : request.departments().stream().map(String::strip).distinct().toList();
        return Offload.cpu(() -> PasswordHasher.hash(request.password(), config.passwordIterations()))
                .chain(hash -> insert(request.username(), hash, request.roles().stream().distinct().toList(), halls, windows, departments));
    }

    @WithTransaction
    Uni<StaffView> insert(String username, String hash, List<String> roles, List<String> halls, List<Integer> windows,
                          List<String> departments) {
        return StaffAccount.<StaffAccount>findById(username)
                .onItem().ifNotNull().failWith(() -> ProblemException.duplicate("staff account", username))
                .chain(() -> checkHallsExist(halls))
                .chain(() -> save(username, hash, roles, halls, windows, departments));
    }

    /** Creates the account unless it exists, skipping the API's checks; used for seeding. Emits true if created. */
    public Uni<Boolean> ensure(String username, String password, List<String> roles, List<String> halls, List<Integer> windows) {
        return Offload.cpu(() -> PasswordHasher.hash(password, config.passwordIterations()))
                .chain(hash -> insertIfAbsent(username, hash, roles, halls, windows));
    }

    /** Safe when several instances start at once: the first insert wins, the others change nothing. */
    Uni<Boolean> insertIfAbsent(String username, String hash, List<String> roles, List<String> halls, List<Integer> windows) {
        return pool.preparedQuery(INSERT_IF_ABSENT)
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(username, hash, roles.toArray(String[]::new),
                        halls.toArray(String[]::new), windows.toArray(Integer[]::new), clocks.now()))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<StaffView> save(String username, String hash, List<String> roles, List<String> halls, List<Integer> windows,
                                List<String> departments) {
        StaffAccount account = new StaffAccount();
        account.username = username;
        account.passwordHash = hash;
        account.roles = roles.toArray(String[]::new);
        account.halls = halls.toArray(String[]::new);
        account.windows = windows.toArray(Integer[]::new);
        account.departments = departments.isEmpty() ? null : departments.toArray(String[]::new);
        account.active = true;
        account.createdAt = clocks.now();
        return account.<StaffAccount>persist().map(AccountService::view);
    }

    private static Uni<Void> checkHallsExist(List<String> halls) {
        List<String> named = halls.stream().filter(h -> !Roles.ALL_HALLS.equals(h)).toList();
        if (named.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Hall.count("code in ?1", named).invoke(count -> {
            if (count != named.size()) {
                throw ProblemException.businessRule("unknown-hall", "halls " + named + " include one that does not exist");
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> disable(String username) {
        return StaffAccount.<StaffAccount>findById(username)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("staff account", username))
                .invoke(account -> {
                    if (account.active) {
                        account.active = false;
                        account.disabledAt = clocks.now();
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> disableEverywhere(String username) {
        return disable(username).call(() -> principals.revoked("staff:" + username));
    }

    @WithSession
    public Uni<List<StaffView>> list() {
        return StaffAccount.<StaffAccount>listAll(io.quarkus.panache.common.Sort.by("username"))
                .map(accounts -> accounts.stream().map(AccountService::view).toList());
    }

    public Uni<Boolean> anyAdmin() {
        return pool.query(ANY_ADMIN).execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    static StaffView view(StaffAccount a) {
        return new StaffView(a.username, a.roleList(), a.hallList(), a.windowList(), a.departmentList(), a.active, a.createdAt);
    }
}

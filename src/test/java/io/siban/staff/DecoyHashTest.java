package io.siban.staff;

import io.siban.security.SecurityConfig;
import io.siban.security.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

/** An unknown username costs as much as a real one: the decoy hash has the configured iterations. */
class DecoyHashTest {

    @Test
    void theDecoyUsesTheConfiguredIterationsAndIsMadeOnce() {
        AccountService accounts = new AccountService();
        accounts.config = config(4321);

        String decoy = accounts.decoyHash();

        assertThat(iterations(decoy)).isEqualTo(4321);
        assertThat(accounts.decoyHash()).isSameAs(decoy);
        assertThat(PasswordHasher.matches("anything", decoy)).isFalse();
    }

    @Test
    void theProductionDefaultIsWhatTheDecoyCosts() throws Exception {
        int configured = Integer.parseInt(SecurityConfig.class.getMethod("passwordIterations")
                .getAnnotation(io.smallrye.config.WithDefault.class).value());
        AccountService accounts = new AccountService();
        accounts.config = config(configured);
        assertThat(iterations(accounts.decoyHash())).isEqualTo(configured).isGreaterThan(100_000);
    }

    private static int iterations(String hash) {
        return Integer.parseInt(hash.split("\\$")[1]);
    }

    private static SecurityConfig config(int iterations) {
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(), new Class<?>[]{SecurityConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("passwordIterations")) {
                        return iterations;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

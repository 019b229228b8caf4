package io.siban.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Points the application under test at real services: the PostgreSQL that bin/services started,
 * with a fresh database for every run (dropped afterwards), and a redis-server of the run's own.
 */
public class LocalServicesResource implements QuarkusTestResourceLifecycleManager {
    static final String HOST = LocalMachine.env("SIBAN_DB_HOST", "127.0.0.1");
    static final String PORT = LocalMachine.env("SIBAN_DB_PORT", "5432");
    static final String USER = LocalMachine.env("SIBAN_DB_USER", "siban");
    static final String PASSWORD = LocalMachine.env("SIBAN_DB_PASSWORD", "siban");
    static final String ADMIN_DB = LocalMachine.env("SIBAN_DB_NAME", "siban");

    private static String database;

    @Override
    public Map<String, String> start() {
        database = "siban_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000;
        execute("create database " + database);
        String redisUrl = RedisServer.start();
        return Map.of(
                "siban.db.host", HOST,
                "siban.db.port", PORT,
                "siban.db.name", database,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.redis.hosts", redisUrl);
    }

    @Override
    public void stop() {
        RedisServer.stop();
        if (database != null) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    public static String database() {
        return database;
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }


    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + ADMIN_DB;
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + url + " as " + USER
                    + " — run bin/services first (bin/test does): " + e.getMessage(), e);
        }
    }
}

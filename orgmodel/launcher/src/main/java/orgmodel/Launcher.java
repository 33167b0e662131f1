package orgmodel;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j 5 Community, embedded, with its Bolt connector on 127.0.0.1.
 *
 * <p>Usage: {@code java -cp ... orgmodel.Launcher PORT DATA_DIR}.  The password of
 * the user {@code neo4j} comes from the environment variable NEO4J_PASSWORD (never
 * from the command line, where other users could read it).  Prints
 * {@code READY bolt://127.0.0.1:PORT} once the driver can connect, and shuts the
 * database down cleanly on SIGTERM or Ctrl+C.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: orgmodel.Launcher PORT DATA_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set, 8 characters or more");
            System.exit(2);
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(args[1]))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // A push is one transaction (all or nothing): at 100,000 roles it
                // holds more than the default share of the heap, so the heap
                // (java -Xmx) is its only limit.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 0L)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, 0L)
                // A stated page cache (Neo4j otherwise guesses half the machine's memory).
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache())
                .build();
        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            // Stop the database too: its threads would keep the JVM alive.
            System.out.println("FAILED " + e.getMessage());
            dbms.shutdown();
            System.exit(1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** The page cache's size: ORGMODEL_NEO4J_PAGECACHE (as 512m, 2g), default 1g. */
    private static long pageCache() {
        String text = System.getenv().getOrDefault("ORGMODEL_NEO4J_PAGECACHE", "1g").trim()
                .toLowerCase();
        long unit = text.endsWith("g") ? 1L << 30 : text.endsWith("m") ? 1L << 20 : 1L;
        String digits = unit == 1L ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    /** The user neo4j's password, set on every start (it is the launcher's to set:
     *  a test or a local server has no one else to ask). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // A restart with the same password: Neo4j refuses to "change" it to itself.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }
}

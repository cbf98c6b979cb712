package dev.authaudit.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker (broker and controller in one) from the Maven artifacts, started as a child
 * JVM on 127.0.0.1 with free ports, its data and log under the given folder; stopped by its PID.
 */
final class KafkaBroker implements AutoCloseable {
    private final Process process;
    private final String bootstrap;
    final long readyMillis;

    private KafkaBroker(Process process, String bootstrap, long readyMillis) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.readyMillis = readyMillis;
    }

    String bootstrap() {
        return bootstrap;
    }

    long pid() {
        return process.pid();
    }

    /** The broker's resident memory now, in MB (Linux), or -1. */
    long rssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static KafkaBroker start(Path dir, Duration limit) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        int controller = freePort();
        Path data = dir.resolve("data");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the retention check every second (the default: 30 s after start, then every 5 min): a topic that deletes a
        // replay's old-stamped records by time then does so during every test, not only in a test fast enough to
        // write them before the first check
        p.put("log.initial.task.delay.ms", "1000");
        p.put("log.retention.check.interval.ms", "1000");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        Path config = dir.resolve("server.properties");
        try (var w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "authaudit FleetIT single-node KRaft broker");
        }
        Path logback = dir.resolve("logback-broker.xml");
        Files.writeString(logback, "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\">"
                + "<file>" + dir.resolve("broker.log") + "</file><encoder><pattern>%d %-5level %logger{20} - %msg%n"
                + "</pattern></encoder></appender><root level=\"INFO\"><appender-ref ref=\"F\"/></root></configuration>");
        long t0 = System.nanoTime();
        int formatted = java(dir, logback, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).redirectOutput(dir.resolve("format.out").toFile())
                .redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS) ? 0 : -1;
        if (formatted != 0) {
            throw new IllegalStateException("formatting the broker's storage took over 60 s; see " + dir);
        }
        Process broker = java(dir, logback, "kafka.Kafka", config.toString())
                .redirectOutput(dir.resolve("broker.out").toFile()).redirectErrorStream(true).start();
        String bootstrap = "127.0.0.1:" + port;
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = Admin.create(a)) {
            while (true) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + broker.exitValue() + "; see "
                            + dir.resolve("broker.out") + " and broker.log");
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    admin.listTopics().names().get(3, TimeUnit.SECONDS);
                    break;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        stop(broker);
                        throw new IllegalStateException("the broker was not ready within " + limit + "; see " + dir);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            stop(broker);
            throw e;
        }
        return new KafkaBroker(broker, bootstrap, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    private static ProcessBuilder java(Path dir, Path logback, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Xms128m", "-XX:+UseG1GC", "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(process);
    }
}

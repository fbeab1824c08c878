package io.meshkit.snapshotingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU seconds of the local MariaDB server's threads that serve queries whose text contains a pattern: the threads
 * are found in {@code information_schema.PROCESSLIST} (MariaDB's {@code TID}) every few milliseconds while the
 * queries run, and their CPU time is read from /proc before and after. -1 when the server is not a local MariaDB.
 */
final class ServerCpu implements AutoCloseable {
    private final long pid;
    private final Map<Long, Long> before;
    private final Set<Long> threads = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private volatile boolean done;

    private ServerCpu(long pid, Map<Long, Long> before, String pattern) {
        this.pid = pid;
        this.before = before;
        this.poller = new Thread(() -> poll(pattern), "server-cpu");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts watching for threads serving queries that contain {@code pattern}. */
    static ServerCpu watch(String pattern) {
        long pid = ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        return new ServerCpu(pid, pid < 0 ? Map.of() : threadTicks(pid), pattern);
    }

    private void poll(String pattern) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?user=root");
                PreparedStatement s = c.prepareStatement("SELECT TID FROM information_schema.PROCESSLIST "
                        + "WHERE INFO LIKE CONCAT('%', ?, '%') AND ID <> CONNECTION_ID()")) {
            s.setString(1, pattern);
            while (!done) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        threads.add(rs.getLong(1));
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            threads.add(-1L); // unknown: the result is n/a
        }
    }

    /** The CPU seconds so far of the threads seen. */
    double seconds() throws InterruptedException {
        done = true;
        poller.join();
        if (pid < 0 || threads.contains(-1L) || threads.isEmpty()) {
            return -1;
        }
        Map<Long, Long> after = threadTicks(pid);
        long ticks = 0;
        for (long tid : threads) {
            ticks += after.getOrDefault(tid, 0L) - before.getOrDefault(tid, 0L);
        }
        return ticks / 100.0; // USER_HZ
    }

    @Override
    public void close() throws InterruptedException {
        done = true;
        poller.join();
    }

    /** utime + stime, in clock ticks, of each thread of a process. */
    private static Map<Long, Long> threadTicks(long pid) {
        Map<Long, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(Long.parseLong(t.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }
}

package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process behind a lease or a run: host, pid and the process's start time (so a pid the system
 * gave to another process since is not taken for the holder). Recorded beside every lease and run,
 * so that a holder on this host whose process is gone is known to be dead at once.
 *
 * @param host the host name
 * @param pid the process id
 * @param startedAt when the process started, if the system says
 */
public record HolderProcess(String host, long pid, Optional<Instant> startedAt) {
    /** Validates. */
    public HolderProcess {
        requireNonNull(host, "host is null");
        requireNonNull(startedAt, "startedAt is null");
    }

    /** This process. */
    public static HolderProcess current() {
        ProcessHandle me = ProcessHandle.current();
        return new HolderProcess(localHost(), me.pid(), me.info().startInstant());
    }

    private static volatile String localHost;

    /** This machine's host name (looked up once: a slow resolver must not slow every run). */
    public static String localHost() {
        String h = localHost;
        if (h == null) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                h = "localhost";
            }
            localHost = h;
        }
        return h;
    }

    /** Whether it runs on this host. */
    public boolean isOnThisHost() {
        return host.equals(localHost());
    }

    /**
     * Whether this process is known to be gone: it ran on this host and no process with its pid is
     * alive, or the one alive with that pid started at another time (the pid was reused).
     */
    public boolean isGone() {
        if (!isOnThisHost()) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return true;
        }
        Optional<Instant> now = h.get().info().startInstant();
        return startedAt.isPresent() && now.isPresent()
                && Duration.between(startedAt.get(), now.get()).abs().compareTo(Duration.ofSeconds(1)) > 0;
    }

    /** {@code pid 4242 on HOST}. */
    public String describe() {
        return "pid " + pid + " on " + host;
    }
}

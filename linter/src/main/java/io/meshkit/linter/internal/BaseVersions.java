package io.meshkit.linter.internal;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.linter.api.ContractSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The previous versions of contracts: from a git ref (two git processes in all) or from a directory. */
public final class BaseVersions {
    private BaseVersions() {}

    /** Whether a path names a contract file. */
    static boolean isContract(String path) {
        return path.endsWith(".odcs.yaml") || path.endsWith(".odcs.yml");
    }

    /**
     * The contract files under {@code paths} (relative to the working directory) as of a git ref: one
     * {@code git ls-tree} lists them and one {@code git cat-file --batch} reads them all.
     */
    public static List<ContractSource> fromGit(Path workDir, String ref, List<String> paths) {
        if (ref.isBlank() || ref.startsWith("-")) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read base " + ref + ": not a git ref");
        }
        // ls-tree names each file's blob, so cat-file reads blobs by id: asking it for REF:PATH instead makes git
        // walk the tree once per file, which is quadratic in the size of a directory (3.5 s for 5,000 contracts)
        List<String> ls = new ArrayList<>(List.of("git", "ls-tree", "-r", "-z", ref, "--"));
        ls.addAll(paths);
        String listing = new String(run(workDir, ls, null, ref), StandardCharsets.UTF_8);
        List<String> files = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        for (String entry : listing.split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] meta = entry.substring(0, tab).split(" ");
            String f = entry.substring(tab + 1);
            if (meta.length == 3 && meta[1].equals("blob") && (isContract(f) || paths.contains(f))) {
                files.add(f);
                in.append(meta[2]).append('\n');
            }
        }
        if (files.isEmpty()) {
            return List.of();
        }
        byte[] out = run(workDir, List.of("git", "cat-file", "--batch"), in.toString().getBytes(StandardCharsets.UTF_8), ref);
        List<ContractSource> sources = new ArrayList<>(files.size());
        int pos = 0;
        for (String f : files) {
            int nl = indexOf(out, (byte) '\n', pos);
            if (nl < 0) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read base " + ref + ": git cat-file ended early");
            }
            String header = new String(out, pos, nl - pos, StandardCharsets.UTF_8);
            String[] parts = header.split(" ");
            if (parts.length != 3 || !parts[1].equals("blob")) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read base " + ref + ":" + f + ": " + header);
            }
            int size = Integer.parseInt(parts[2]);
            sources.add(new ContractSource(f, new String(out, nl + 1, size, StandardCharsets.UTF_8)));
            pos = nl + 1 + size + 1;
        }
        return sources;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] run(Path workDir, List<String> command, byte[] stdin, String ref) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read base " + ref + ": cannot run git ("
                    + e.getMessage() + ")", e);
        }
        Thread writer = new Thread(() -> {
            try (OutputStream os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin);
                }
            } catch (IOException ignored) {
                // git exited early; its exit code and stderr say why
            }
        }, "git-stdin");
        writer.setDaemon(true);
        writer.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try (InputStream es = p.getErrorStream()) {
                es.transferTo(err);
            } catch (IOException ignored) {
                // best effort: only used in the error message
            }
        }, "git-stderr");
        errReader.setDaemon(true);
        errReader.start();
        try (InputStream is = new BufferedInputStream(p.getInputStream())) {
            byte[] out = is.readAllBytes();
            int code = p.waitFor();
            errReader.join(5000);
            if (code != 0) {
                String msg = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("exit code " + code);
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read base " + ref + ": " + msg);
            }
            return out;
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read base " + ref + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot read base " + ref + ": interrupted", e);
        }
    }

    /**
     * The contract files of a directory holding the previous versions, shown as if they were under {@code root}
     * (the linted directory), so that they match the current files by path when ids do not match.
     */
    public static List<ContractSource> fromDirectory(Path dir, String root) {
        if (!Files.isDirectory(dir)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read base directory " + dir + ": not a directory");
        }
        List<ContractSource> out = new ArrayList<>();
        for (Path f : ContractReader.create().findContracts(dir)) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            out.add(new ContractSource(root.isEmpty() ? rel : root + "/" + rel, SourceFiles.read(f)));
        }
        return out;
    }
}

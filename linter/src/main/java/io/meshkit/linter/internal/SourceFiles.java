package io.meshkit.linter.internal;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.linter.api.ContractSource;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and reads the contract files to lint. A file that cannot be read at all (missing, a permission problem,
 * not UTF-8) is bad input: {@code FILE_NOT_FOUND}, exit 2. What a readable file says is the linter's business.
 */
public final class SourceFiles {
    private SourceFiles() {}

    /** The contracts under each path, each once, shown relative to the working directory. */
    public static List<ContractSource> find(Path workDir, List<Path> paths) {
        ContractReader reader = ContractReader.create();
        Set<Path> files = new LinkedHashSet<>();
        for (Path p : paths) {
            files.addAll(reader.findContracts(workDir.resolve(p)));
        }
        List<ContractSource> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(new ContractSource(display(workDir, f), read(f)));
        }
        return out;
    }

    /** A path relative to the working directory when it is under it, with {@code /} separators. */
    public static String display(Path workDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path wd = workDir.toAbsolutePath().normalize();
        String s = abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
        return s.replace('\\', '/');
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read contract " + f + ": permission denied", e);
        } catch (MalformedInputException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read contract " + f + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read contract " + f + ": "
                    + (Files.isDirectory(f) ? "it is a directory" : e.getMessage()), e);
        }
    }
}

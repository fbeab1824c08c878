package io.meshkit.cli.init;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The Maven repository a meshkit distribution carries in {@code maven/}: meshkit's own modules (the BOM, the
 * parent POM, meshkit-cli and what it needs) at the distribution's version. A generated project resolves
 * meshkit from it by default, so {@code mvn test} works offline, with nothing deployed anywhere.
 */
final class MavenRepository {
    private MavenRepository() {
    }

    /** The {@code file:} URL of this distribution's repository, if this code runs from a distribution. */
    static Optional<String> ofThisDistribution() {
        return home().map(h -> h.resolve("maven")).filter(m -> Files.isDirectory(m.resolve("io/meshkit")))
                .map(m -> m.toAbsolutePath().normalize().toUri().toString().replaceAll("/$", ""));
    }

    private static Optional<Path> home() {
        String home = System.getProperty("meshkit.home");
        if (home != null) {
            return Optional.of(Path.of(home));
        }
        CodeSource source = MavenRepository.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            return lib != null && lib.getFileName() != null && lib.getFileName().toString().equals("lib")
                    ? Optional.ofNullable(lib.getParent()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

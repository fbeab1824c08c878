package io.meshkit.snapshotingest.cli;

import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.OutputOptions;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.secret.Secrets;
import io.meshkit.snapshotingest.internal.ContractDraft;
import io.meshkit.snapshotingest.internal.MySqlSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit-ingest contract}: a first contract for a MySQL table, drafted from its columns, for {@code snapshot --contract}. */
@Command(name = "contract", description = "Draft an ODCS contract for a MySQL table from its columns (types, NOT NULL, primary key, "
        + "comments, the values of an ENUM or SET as an invalidValues rule), which snapshot --contract then stages without drift; "
        + "the owner and SLA are left as TODOs.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --source 'jdbc:mysql://127.0.0.1:3306/shop?user=meshkit' --table members "
                + "--output contracts/members.odcs.yaml"})
@Formats(OutputFormat.TEXT)
final class ContractCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "URL",
            description = "MySQL source, e.g. jdbc:mysql://127.0.0.1:3306/shop?user=meshkit; the password comes from MESHKIT_MYSQL_PASSWORD.")
    String source;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "The MySQL table of the URL's database (or DATABASE.TABLE "
            + "of that database): the dataset's name, as snapshot --contract reads it.")
    String table;

    @Option(names = "--domain", paramLabel = "NAME", description = "The contract's domain; a snapshot stages into <domain>_staging.<table> "
            + "(default: the database, lower case).")
    String domain;

    @Mixin
    OutputOptions console;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the contract to FILE (default: standard output).")
    Path output;

    @Option(names = "--force", description = "Overwrite --output if it exists.")
    boolean force;

    @Override
    public Integer call() {
        MySqlSource mysql = MySqlSource.of(source, System.getenv(Secrets.MYSQL_PASSWORD_VARIABLE));
        String name = table.trim();
        int dot = name.indexOf('.');
        if (dot >= 0) {
            if (!name.substring(0, dot).equals(mysql.database())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --table " + table + ": it names database "
                        + name.substring(0, dot) + ", the --source URL database " + mysql.database() + " (one database per source)");
            }
            name = name.substring(dot + 1);
        }
        if (name.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --table '" + table + "': name a table");
        }
        if (output != null && Files.exists(output) && !force) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot write contract " + output + ": the file exists (--force overwrites it)");
        }
        console.format();
        ContractDraft draft = ContractDraft.of(mysql, name, domain != null ? domain : mysql.database().toLowerCase(Locale.ROOT));
        PrintWriter out = console.out();
        if (output == null) {
            out.print(draft.yaml());
        } else {
            write(output, draft.yaml());
            int columns = draft.table().columns().size();
            out.printf("wrote %s: dataset %s, %d column%s (%d with a comment), key %s%n", output, draft.table().name(), columns,
                    columns == 1 ? "" : "s", draft.comments(), draft.table().primaryKey().isEmpty() ? "none (no primary key in MySQL)"
                            : String.join(", ", draft.table().primaryKey()));
            out.println("  next: replace the TODOs (owning team, SLA, descriptions), then: meshkit lint " + output);
        }
        out.flush();
        return 0;
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // written beside it and moved into place: a failed write never leaves half a contract
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".contract", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot write contract " + file + ": " + e.getMessage(), e);
        }
    }
}

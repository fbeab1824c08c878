package io.meshkit.cli.pipeline;

import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshkit run pipeline.yaml}: the pipeline runner. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a pipeline file: its steps in dependency order, the dated ones once per date.",
                "Each step calls its tool's Java API in this process on one warehouse; one run id, a run record per step, and a short report at the end."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:a step's check found something (validation, diff expectation, monitor)",
            "2:bad input (pipeline.yaml:line:col)", "3:an external system failed", "4:internal error"},
        footer = {"%nExample:", "  $ meshkit run examples/music/pipeline.yaml --dates 2019-04-28..2019-04-30"})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (pipeline.yaml).")
    Path file;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD|today", description = "Run the dated steps for this date ('today': today's date "
            + "in UTC, printed). A step that reads a live source needs it: the pipeline's own dates are its sample files'.")
    String date;

    @Option(names = "--fresh", description = "Start the pipeline's datasets over: first remove their tables (production, staging, "
            + "candidates, versions), their rows in the run log and their landing-zone files, saying what is removed; other datasets are left alone.")
    boolean fresh;

    @Option(names = "--dates", paramLabel = "FROM..TO", description = "Run the dated steps for each day from FROM to TO (both included).")
    String range;

    @Option(names = "--dry-run", description = "Print the plan (every step as the command a user could run by hand) and change nothing; the steps' contracts are read and checked.")
    boolean dryRun;

    @Option(names = "--resume", description = "Skip the steps that succeeded for the same run key (pipeline and dates) and redo from the failed one.")
    boolean resume;

    @Mixin
    WarehouseOption warehouse;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pipeline pipeline;
        try {
            pipeline = PipelineReader.read(file);
        } catch (PipelineFileException e) {
            err.println(e.line());
            err.flush();
            return ErrorCode.INVALID_ARGUMENT.exitCode();
        }
        if (date != null && date.equalsIgnoreCase("today")) {
            date = LocalDate.now(java.time.ZoneOffset.UTC).toString();
            out.println("date: today is " + date + " (UTC)");
        }
        List<LocalDate> dates = dates(pipeline);
        io.meshkit.core.config.MeshkitConfig config = warehouse.resolvedConfig();
        PipelineRunner runner = new PipelineRunner(pipeline, config.warehouseUri(), config.warehouseSettings(), dates, System::getenv, out);
        runner.withLineage(config.lineage()).withConfigFile(warehouse.configFile())
                .withDatesGiven(date != null || range != null).withFresh(fresh);
        return dryRun ? runner.dryRun(resume) : runner.run(resume);
    }

    private List<LocalDate> dates(Pipeline pipeline) {
        if (date != null && range != null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run pipeline " + file + ": give --date or --dates, not both");
        }
        String text = date != null ? date : range;
        if (text == null) {
            return pipeline.dates();
        }
        try {
            return DateRange.parse(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run pipeline " + file + ": bad date " + text
                    + " (use YYYY-MM-DD or FROM..TO)");
        }
    }
}

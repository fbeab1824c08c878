package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.error.MeshkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A step that calls its tool once per contract it lists, in order, and stops at the first call that fails;
 * its line joins the calls' summaries.
 */
abstract class ContractStep implements PipelineStep {
    /**
     * What one call did.
     *
     * @param exitCode 0, or 1 when a check found something
     * @param rows rows it counted
     * @param message its summary, or what it found
     * @param findingsOnly whether exit 1 lets the run go on
     */
    record Call(int exitCode, long rows, String message, boolean findingsOnly) {
        static Call ok(long rows, String message) {
            return new Call(0, rows, message, false);
        }

        /** A check found something: the step fails with exit 1 (the report says what). */
        static Call found(String message) {
            return new Call(1, 0, message, false);
        }
    }

    private final String command;

    /** A step shown as {@code meshkit COMMAND --contract C ARGS}. */
    ContractStep(String command) {
        this.command = command;
    }

    /** The command of the call for one contract, as a user would type it. */
    CommandText command(Unit unit, StepContext context, String contract) {
        return CommandText.of(command).option("--contract", context.files().path(contract)).words(unit.step().options().raw());
    }

    /** The step's {@code args}, {@code ${VAR}} expanded and checked. */
    static StepOptions options(Unit unit, StepContext context) {
        return unit.step().options().expanded(unit.step().kind(), context.files()::expand);
    }

    /** Calls the tool for one contract. */
    abstract Call call(Unit unit, StepContext context, String contract);

    @Override
    public List<String> plan(Unit unit, StepContext context) {
        return unit.step().strings("contract").stream().map(c -> command(unit, context, c).global(context).toString()).toList();
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        return runEach(unit, context, c -> command(unit, context, c), c -> call(unit, context, c));
    }

    /** Runs the calls of a unit, one per contract. */
    static StepOutcome runEach(Unit unit, StepContext context, Function<String, CommandText> command, Function<String, Call> call) {
        long rows = 0;
        List<String> messages = new ArrayList<>();
        for (String contract : unit.step().strings("contract")) {
            String shown = command.apply(contract).global(context).toString();
            Call r;
            try {
                r = call.apply(contract);
            } catch (RuntimeException e) {
                MeshkitException m = StepContext.asMeshkit(e);
                return StepOutcome.failed(m.exitCode(), firstLine(m.getMessage()), shown);
            }
            rows += r.rows();
            if (!r.message().isEmpty()) {
                messages.add(r.message());
            }
            if (r.exitCode() != 0) {
                if (r.findingsOnly()) {
                    return new StepOutcome(r.exitCode(), rows, String.join("; ", messages), shown, true);
                }
                return StepOutcome.failed(r.exitCode(), r.message(), shown);
            }
        }
        return StepOutcome.ok(rows, String.join("; ", messages));
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** The whole message on one line: a breaking change of staging lists its columns on the lines after the first. */
    static String oneLine(String message) {
        return message == null ? "" : String.join(" ", message.lines().map(String::strip).toList());
    }
}

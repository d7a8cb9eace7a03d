package org.bertlab.cli;

import java.io.PrintWriter;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.cli.bench.BenchCommand;
import org.bertlab.core.options.OptionMessage;
import org.bertlab.core.runtime.DjlRuntime;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bertlab}: the engine headless, for scripting, scheduling and reproducing results without KNIME. Each
 * subcommand is a thin face on the same engine call a KNIME node makes.
 */
@Command(name = "bertlab", mixinStandardHelpOptions = true, version = "BERT Transfer Lab 0.1.0",
    description = "What self-supervised BERTs transfer across languages, disciplines and artificial data.",
    subcommands = {InfoCommand.class, EmbedCommand.class,
        MrrCommand.class,
        OffsetCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        CorpusCommand.class,
        FinetuneCommand.class,
        PredictCommand.class,
        ExperimentCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(final String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; errors become one line on {@code err} and a non-zero exit code. */
    public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
        DjlRuntime.configureOffline();
        final CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("bertlab " + commandLine.getCommandName() + ": error: " + message(e));
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(args.length == 0 ? "" : args[0], e));
            return 1;
        }
    }

    /**
     * One line for a Java heap that was too small: what ran out and how to give more. Inputs the engine can check
     * (file sizes, dimensions) are refused before allocating; what remains is real work too big for the heap.
     */
    static String outOfMemory(final String command, final OutOfMemoryError e) {
        final long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return "bertlab " + command + ": error: out of memory (" + StringUtils.defaultIfBlank(e.getMessage(),
            "Java heap") + "): the model or the data of this command need more than the " + maxMb + " MB Java heap. "
            + "Give more memory, e.g. BERTLAB_JAVA_OPTS=-Xmx16g ./bertlab " + command + " ..., or use smaller "
            + "batches or inputs.";
    }

    /**
     * The error's one line. Engine messages that name options ({@link OptionMessage}) name them as the flags a user
     * types here.
     */
    static String message(final Throwable e) {
        final OptionMessage options = OptionMessage.find(e);
        if (options != null) {
            return oneLine(options.render(Main::flag));
        }
        Throwable t = e;
        // Wrappers (UncheckedIOException from a stream, a message that is only the cause's toString) say nothing.
        while (t.getCause() != null && (StringUtils.isBlank(t.getMessage())
            || t instanceof java.io.UncheckedIOException || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        return oneLine(StringUtils.defaultIfBlank(t.getMessage(), t.getClass().getSimpleName()));
    }

    /** The command-line flag of an engine option id: the id is the flag's long name. */
    static String flag(final String option) {
        return "--" + option;
    }

    private static String oneLine(final String text) {
        return text.replace(System.lineSeparator(), " ").replace('\n', ' ');
    }
}

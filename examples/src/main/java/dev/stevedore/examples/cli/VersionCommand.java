package dev.stevedore.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stevedore version}: the version, Java and platform; never touches the engine. */
@Command(name = "version", description = "Show the Stevedore version information.")
final class VersionCommand extends CliCommand {
    @Override
    int execute() {
        print(out());
        return 0;
    }

    /** Prints the version report (also {@link Cli#main}'s fast path, without picocli). */
    static void print(PrintWriter out) {
        out.println("Client: Stevedore");
        out.println(" Version:     " + version());
        out.println(" Java:        " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + ")");
        out.println(" OS/Arch:     " + System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + arch());
        out.println(" Daemon:      none (the engine runs in this process)");
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("x86_64") ? "amd64" : a;
    }

    /** Gives picocli's {@code --version} the same version. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Stevedore version " + version()};
        }
    }
}

package dev.stevedore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Waits until a command run inside exits with 0. */
record WaitForExec(List<String> cmd, Duration timeout) implements WaitStrategy {
    WaitForExec {
        cmd = List.copyOf(cmd);
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("a command to wait for is required");
        }
        Wait.checkTimeout(timeout);
    }

    @Override
    public WaitStrategy withTimeout(Duration value) {
        return new WaitForExec(cmd, value);
    }

    @Override
    public String description() {
        return "command " + cmd + " to succeed";
    }

    @Override
    public Optional<String> check(WaitTarget target) {
        ExecResult r = target.exec(ExecRequest.of(cmd).withTimeout(timeout));
        if (r.success()) {
            return Optional.empty();
        }
        String err = r.stderr().strip();
        return Optional.of("exit code " + r.exitCode() + (err.isEmpty() ? "" : ": " + last(err)));
    }

    private static String last(String text) {
        return text.length() <= 200 ? text : "..." + text.substring(text.length() - 200);
    }
}

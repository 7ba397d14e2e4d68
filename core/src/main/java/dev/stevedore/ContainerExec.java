package dev.stevedore;

import dev.stevedore.sandbox.ExecProcess;
import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.ProcessSpec;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import dev.stevedore.sandbox.SandboxStartException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Runs an {@link ExecRequest} in a running sandbox, with the container's user, directory and environment as defaults. */
final class ContainerExec {
    private ContainerExec() {}

    static ExecResult run(Sandbox sandbox, ContainerRecord r, ExecRequest request) {
        ConfigRun run = r.run();
        ProcessSpec spec = ProcessSpec.of(request.cmd())
                .withEnv(ConfigMerge.replaceOrAppend(run.env(), request.env()))
                .withCwd(request.workdir().orElse(run.workdir()));
        Optional<String> user = request.user().or(run::user);
        if (user.isPresent()) {
            spec = spec.withUser(user.get());
        }
        try (ExecProcess p = sandbox.exec(spec)) {
            Optional<ExitStatus> status = request.timeout().isPresent() ? p.waitFor(request.timeout().get())
                    : Optional.of(p.waitFor());
            if (status.isEmpty()) {
                p.kill(ContainerSignal.SIGKILL);
                status = Optional.of(p.waitFor());
            }
            return new ExecResult(status.get().exitCode(), new String(p.stdout(), StandardCharsets.UTF_8),
                    new String(p.stderr(), StandardCharsets.UTF_8));
        } catch (SandboxStartException e) {
            if (e.exitCode().isPresent()) {
                return new ExecResult(e.exitCode().getAsInt(), "", e.getMessage() + "\n");
            }
            throw new ContainerException(r.id(), "cannot exec " + request.cmd() + " in container " + r.id() + ": "
                    + e.getMessage(), e);
        } catch (SandboxException e) {
            throw new ContainerException(r.id(), "cannot exec " + request.cmd() + " in container " + r.id() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException(r.id(), "interrupted while running " + request.cmd() + " in container "
                    + r.id(), e);
        }
    }
}

package dev.stevedore.dockerfile;

/** Test helper: the same instruction at line 1, to compare instructions regardless of their lines. */
final class Relocate {
    private static final Location ONE = Location.of(1, 1);

    private Relocate() {
    }

    static Instruction toLineOne(Instruction i) {
        if (i instanceof Instruction.From x) {
            return new Instruction.From(ONE, x.keyword(), x.comments(), x.flags(), x.image(), x.alias());
        } else if (i instanceof Instruction.Run x) {
            return new Instruction.Run(ONE, x.keyword(), x.comments(), x.flags(), x.command(), x.heredocs());
        } else if (i instanceof Instruction.Cmd x) {
            return new Instruction.Cmd(ONE, x.keyword(), x.comments(), x.flags(), x.command());
        } else if (i instanceof Instruction.Entrypoint x) {
            return new Instruction.Entrypoint(ONE, x.keyword(), x.comments(), x.flags(), x.command());
        } else if (i instanceof Instruction.Shell x) {
            return new Instruction.Shell(ONE, x.keyword(), x.comments(), x.flags(), x.shell());
        } else if (i instanceof Instruction.Label x) {
            return new Instruction.Label(ONE, x.keyword(), x.comments(), x.flags(), x.labels(), x.legacyForm());
        } else if (i instanceof Instruction.Maintainer x) {
            return new Instruction.Maintainer(ONE, x.keyword(), x.comments(), x.flags(), x.maintainer());
        } else if (i instanceof Instruction.Expose x) {
            return new Instruction.Expose(ONE, x.keyword(), x.comments(), x.flags(), x.ports());
        } else if (i instanceof Instruction.Env x) {
            return new Instruction.Env(ONE, x.keyword(), x.comments(), x.flags(), x.variables(), x.legacyForm());
        } else if (i instanceof Instruction.Add x) {
            return new Instruction.Add(ONE, x.keyword(), x.comments(), x.flags(), x.sources(), x.destination(),
                    x.json(), x.heredocs());
        } else if (i instanceof Instruction.Copy x) {
            return new Instruction.Copy(ONE, x.keyword(), x.comments(), x.flags(), x.sources(), x.destination(),
                    x.json(), x.heredocs());
        } else if (i instanceof Instruction.Volume x) {
            return new Instruction.Volume(ONE, x.keyword(), x.comments(), x.flags(), x.paths(), x.json());
        } else if (i instanceof Instruction.User x) {
            return new Instruction.User(ONE, x.keyword(), x.comments(), x.flags(), x.user());
        } else if (i instanceof Instruction.Workdir x) {
            return new Instruction.Workdir(ONE, x.keyword(), x.comments(), x.flags(), x.path());
        } else if (i instanceof Instruction.Arg x) {
            return new Instruction.Arg(ONE, x.keyword(), x.comments(), x.flags(), x.declarations());
        } else if (i instanceof Instruction.Onbuild x) {
            return new Instruction.Onbuild(ONE, x.keyword(), x.comments(), x.flags(), toLineOne(x.trigger()));
        } else if (i instanceof Instruction.Stopsignal x) {
            return new Instruction.Stopsignal(ONE, x.keyword(), x.comments(), x.flags(), x.signal());
        } else if (i instanceof Instruction.Healthcheck x) {
            return new Instruction.Healthcheck(ONE, x.keyword(), x.comments(), x.flags(), x.type(), x.command());
        }
        throw new IllegalArgumentException(i.toString());
    }
}

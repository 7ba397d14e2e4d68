package dev.stevedore.dockerfile;

import java.util.List;

/** Writes a parsed Dockerfile as JSON: directives, warnings and every instruction's fields. */
final class DockerfileJson {
    private DockerfileJson() {
    }

    static String write(Dockerfile df) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("name", df.name())
                .field("buildkit", Dockerfile.BUILDKIT_VERSION)
                .field("frontend", Dockerfile.FRONTEND_VERSION)
                .field("escape", String.valueOf(df.escapeToken()));
        json.name("directives").beginArray();
        for (Directive d : df.directives()) {
            json.beginObject().field("name", d.name()).field("value", d.value()).field("line", d.line()).endObject();
        }
        json.endArray().name("warnings").beginArray();
        for (ParseWarning w : df.warnings()) {
            json.beginObject().field("kind", w.kind().name()).field("line", w.line()).field("message", w.message())
                    .endObject();
        }
        json.endArray().name("emptyContinuationLines").beginArray();
        df.emptyContinuationLines().forEach(json::value);
        json.endArray().name("instructions").beginArray();
        for (Instruction i : df.instructions()) {
            instruction(json, i);
        }
        return json.endArray().endObject().toString();
    }

    private static void instruction(JsonWriter json, Instruction i) {
        json.beginObject().field("instruction", i.name()).field("keyword", i.keyword());
        json.name("location").beginObject().field("start", i.location().startLine())
                .field("end", i.location().endLine()).endObject();
        json.field("comments", i.comments()).field("flags", i.flags());
        if (i instanceof Instruction.From from) {
            json.field("image", from.image()).field("platform", from.platform()).field("stageName", from.stageName());
        } else if (i instanceof Instruction.Run run) {
            command(json, run.command());
            json.field("mounts", run.mountSpecs());
            run.network().ifPresent(n -> json.field("network", n.value()));
            run.security().ifPresent(s -> json.field("security", s.value()));
            json.name("devices").beginArray();
            run.devices().forEach(d -> json.beginObject().field("name", d.name()).field("required", d.required())
                    .endObject());
            json.endArray();
            heredocs(json, run.heredocs());
        } else if (i instanceof Instruction.Cmd cmd) {
            command(json, cmd.command());
        } else if (i instanceof Instruction.Entrypoint entrypoint) {
            command(json, entrypoint.command());
        } else if (i instanceof Instruction.Shell shell) {
            json.field("shell", shell.shell());
        } else if (i instanceof Instruction.Label label) {
            pairs(json, "labels", label.labels(), label.legacyForm());
        } else if (i instanceof Instruction.Env env) {
            pairs(json, "variables", env.variables(), env.legacyForm());
        } else if (i instanceof Instruction.Maintainer maintainer) {
            json.field("maintainer", maintainer.maintainer());
        } else if (i instanceof Instruction.Expose expose) {
            json.field("ports", expose.ports());
        } else if (i instanceof Instruction.Add add) {
            json.field("sources", add.sources()).field("destination", add.destination()).field("json", add.json())
                    .field("chown", add.chown()).field("chmod", add.chmod()).field("link", add.link())
                    .field("checksum", add.checksum()).field("excludes", add.excludes());
            add.keepGitDir().ifPresent(b -> json.field("keepGitDir", b));
            add.unpack().ifPresent(b -> json.field("unpack", b));
            heredocs(json, add.heredocs());
        } else if (i instanceof Instruction.Copy copy) {
            json.field("sources", copy.sources()).field("destination", copy.destination())
                    .field("json", copy.json()).field("from", copy.from()).field("chown", copy.chown())
                    .field("chmod", copy.chmod()).field("link", copy.link()).field("parents", copy.parents())
                    .field("excludes", copy.excludes());
            heredocs(json, copy.heredocs());
        } else if (i instanceof Instruction.Volume volume) {
            json.field("paths", volume.paths()).field("json", volume.json());
        } else if (i instanceof Instruction.User user) {
            json.field("user", user.user());
        } else if (i instanceof Instruction.Workdir workdir) {
            json.field("path", workdir.path());
        } else if (i instanceof Instruction.Arg arg) {
            json.name("args").beginArray();
            for (ArgDeclaration d : arg.declarations()) {
                json.beginObject().field("name", d.name()).field("default", d.defaultValue()).endObject();
            }
            json.endArray();
        } else if (i instanceof Instruction.Onbuild onbuild) {
            json.name("trigger");
            instruction(json, onbuild.trigger());
        } else if (i instanceof Instruction.Stopsignal stopsignal) {
            json.field("signal", stopsignal.signal());
        } else if (i instanceof Instruction.Healthcheck check) {
            json.field("type", check.type()).field("test", check.test());
            if (!check.isNone()) {
                command(json, check.command());
                json.field("interval", GoDuration.format(check.interval()))
                        .field("timeout", GoDuration.format(check.timeout()))
                        .field("startPeriod", GoDuration.format(check.startPeriod()))
                        .field("startInterval", GoDuration.format(check.startInterval()))
                        .field("retries", check.retries());
            }
        }
        json.endObject();
    }

    private static void command(JsonWriter json, CommandLine command) {
        json.name("command").beginObject().field("form", command.execForm() ? "exec" : "shell")
                .field("arguments", command.arguments()).endObject();
    }

    private static void pairs(JsonWriter json, String name, List<KeyValue> pairs, boolean legacy) {
        json.name(name).beginArray();
        for (KeyValue pair : pairs) {
            json.beginObject().field("key", pair.key()).field("value", pair.value()).endObject();
        }
        json.endArray().field("legacyForm", legacy);
    }

    private static void heredocs(JsonWriter json, List<Heredoc> docs) {
        json.name("heredocs").beginArray();
        for (Heredoc doc : docs) {
            json.beginObject().field("name", doc.name()).field("fileDescriptor", doc.fileDescriptor())
                    .field("expand", doc.expand()).field("chomp", doc.chomp()).field("content", doc.content())
                    .endObject();
        }
        json.endArray();
    }
}

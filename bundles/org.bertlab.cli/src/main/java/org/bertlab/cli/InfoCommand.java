package org.bertlab.cli;

import java.util.concurrent.Callable;

import org.bertlab.core.model.BertModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bertlab info}: architecture, vocabulary, heads, device and native flavour of a model. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print the model's architecture, vocabulary size, heads present, device and natives in use.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (BertModel m = model.load()) {
            spec.commandLine().getOut().println(m.describe());
        }
        return 0;
    }
}

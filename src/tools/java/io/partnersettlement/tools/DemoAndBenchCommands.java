package io.partnersettlement.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.partnersettlement.cli.ToolCommands;

/** {@code ./run.sh demo} and {@code ./run.sh bench}: registered with the command line through META-INF/services. */
public final class DemoAndBenchCommands implements ToolCommands {

    @Override
    public Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("demo", DemoCommand::new);
        commands.put("bench", BenchCommand::new);
        return commands;
    }
}

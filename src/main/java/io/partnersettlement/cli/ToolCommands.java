package io.partnersettlement.cli;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Commands that ship beside the engine rather than in it: the demo and the bench, in the tools jar that
 * {@code run.sh} puts on the class path. Found through {@link java.util.ServiceLoader}, so the engine does not
 * depend on them and runs without them.
 */
public interface ToolCommands {

    /** Command name to a picocli command object, in the order the usage text lists them. */
    Map<String, Supplier<Object>> commands();
}

package dev.seva.operations;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Operators' tools, one command each: {@code java -jar operations/target/operations.jar breach <store>}
 * (the {@code seva} launcher's {@code ./seva breach <store>}).
 */
public final class Operations {

    private Operations() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length >= 1 && args[0].equals("breach")) {
            return BreachScope.command(Arrays.copyOfRange(args, 1, args.length), env, out, err);
        }
        err.println("usage: breach <store>   (the citizens whose data a store holds: " + BreachScope.USAGE + ")");
        return 2;
    }
}

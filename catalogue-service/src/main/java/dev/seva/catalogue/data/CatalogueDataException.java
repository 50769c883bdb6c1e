package dev.seva.catalogue.data;

import java.util.List;

/** The catalogue's data files are wrong; the message names every file, service and field at fault. */
public class CatalogueDataException extends RuntimeException {

    private final List<String> problems;

    public CatalogueDataException(List<String> problems) {
        super("The catalogue data files have " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package dev.seva.conversation.domain;

/** Something the journey must know from outside (the catalogue, the citizen's applications) to take a step. */
public sealed interface Need {

    record Departments(int page) implements Need {
    }

    record DepartmentServices(String departmentId, int page) implements Need {
    }

    record Search(String query) implements Need {
    }

    record Popular() implements Need {
    }

    record Service(String serviceId) implements Need {
    }

    record Applications() implements Need {
    }
}

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

    /**
     * The citizen's text as it may be kept: valid Aadhaar numbers in clear tokenized for the citizen, tokens the
     * gateway made bound to them (those the vault will not bind kept only masked). Never cached or logged:
     * the text may hold a number in clear.
     */
    record Protect(String text) implements Need {
        @Override
        public String toString() {
            return "Protect[…]";
        }
    }
}

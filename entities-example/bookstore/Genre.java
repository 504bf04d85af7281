package bookstore;

/** Stored by name, so Hibernate adds a check listing the names. */
public enum Genre {
    FICTION, NON_FICTION, SCIENCE, HISTORY, CHILDREN
}

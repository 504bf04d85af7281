package everything;

import jakarta.persistence.Entity;

/** A primitive of a SINGLE_TABLE subclass: a check (DTYPE <> 'Car' or doors is not null), not a NOT NULL. */
@Entity
public class Car extends Vehicle {
    int doors;
}

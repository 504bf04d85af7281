package tables;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Untouched by the change: its rows must survive every step. */
@Entity
public class Customer {
    @Id
    Long id;

    @Column(nullable = false, length = 100)
    String name;
}

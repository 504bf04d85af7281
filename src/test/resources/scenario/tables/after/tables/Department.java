package tables;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** Department and Employee reference each other: no order of CREATE TABLEs alone satisfies both keys. */
@Entity
public class Department {
    @Id
    Long id;

    @Column(length = 80)
    String name;

    @ManyToOne
    Employee manager;
}

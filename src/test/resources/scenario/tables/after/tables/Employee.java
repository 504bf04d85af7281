package tables;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Employee {
    @Id
    Long id;

    @Column(length = 80)
    String name;

    @ManyToOne
    Department department;
}

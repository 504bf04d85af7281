package shop;

import jakarta.persistence.*;

/** SINGLE_TABLE root: one table, a DTYPE discriminator with a check. */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
public class Vehicle {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 20) String plate;
}

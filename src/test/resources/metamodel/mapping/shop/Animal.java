package shop;

import jakarta.persistence.*;

/** TABLE_PER_CLASS with an abstract root: no table for Animal, one per concrete subclass. */
@Entity
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
public abstract class Animal {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
    String name;
}

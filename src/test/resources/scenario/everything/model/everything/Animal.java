package everything;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** TABLE_PER_CLASS with an abstract root: a table per concrete subclass; ids from the default sequence. */
@Entity
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
public abstract class Animal {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
    String name;
}

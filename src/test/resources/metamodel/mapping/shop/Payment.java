package shop;

import jakarta.persistence.*;
import java.math.BigDecimal;

/** JOINED root: each subclass table shares the primary key and references this one. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public abstract class Payment {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_gen")
    @SequenceGenerator(name = "payment_gen", sequenceName = "payment_seq", initialValue = 100, allocationSize = 10)
    Long id;
    @Column(precision = 12, scale = 2, nullable = false) BigDecimal amount;
}

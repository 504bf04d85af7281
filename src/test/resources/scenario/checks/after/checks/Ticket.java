package checks;

import jakarta.persistence.CheckConstraint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import org.hibernate.annotations.Check;

/**
 * ck_ticket_title is dropped, ck_ticket_priority widened, ck_ticket_effort added; both enums gain a constant
 * (so their generated checks change); the id's sequence is replaced by another. (An explicit @Column makes
 * even a primitive nullable in Hibernate's mapping, hence nullable = false on effort.)
 */
@Entity
@Check(name = "ck_ticket_priority", constraints = "priority between 1 and 9")
public class Ticket {
    public enum Status { OPEN, IN_PROGRESS, CLOSED }

    public enum Severity { LOW, HIGH, CRITICAL }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_gen")
    @SequenceGenerator(name = "ticket_gen", sequenceName = "ticket_number_seq")
    Long id;

    @Column(length = 100)
    String title;

    int priority;

    @Column(nullable = false, check = @CheckConstraint(name = "ck_ticket_effort", constraint = "effort >= 0"))
    int effort;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    Status status;

    @Enumerated(EnumType.ORDINAL)
    Severity severity;
}

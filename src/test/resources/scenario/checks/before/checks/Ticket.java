package checks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import org.hibernate.annotations.Check;

@Entity
@Check(name = "ck_ticket_title", constraints = "title <> ''")
@Check(name = "ck_ticket_priority", constraints = "priority between 1 and 5")
public class Ticket {
    public enum Status { OPEN, CLOSED }

    public enum Severity { LOW, HIGH }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_gen")
    @SequenceGenerator(name = "ticket_gen", sequenceName = "ticket_seq")
    Long id;

    @Column(length = 100)
    String title;

    int priority;

    int effort;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    Status status;

    @Enumerated(EnumType.ORDINAL)
    Severity severity;
}

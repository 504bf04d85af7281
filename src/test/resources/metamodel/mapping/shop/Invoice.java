package shop;

import jakarta.persistence.*;
import java.math.BigDecimal;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A table in its own schema; a foreign key to a non-primary-key column; two named checks (@Checks); a no-constraint FK. */
@Entity
@Table(schema = "billing")
@Check(name = "ck_invoice_total", constraints = "total >= 0")
@Check(name = "ck_invoice_discounted", constraints = "discount = 0 or total > 0")
public class Invoice {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(precision = 10, scale = 2) BigDecimal total;
    @ManyToOne
    @JoinColumn(name = "customer_code", referencedColumnName = "code")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    Customer customer;
    @ManyToOne
    @JoinColumn(name = "payment_id", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
    Payment payment;
    @Column(check = @CheckConstraint(constraint = "discount between 0 and 100")) int discount;
}

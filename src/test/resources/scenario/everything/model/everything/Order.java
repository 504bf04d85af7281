package everything;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A quoted table name that is also a reserved word; reserved words as plain column names. */
@Entity
@Table(name = "\"Order\"")
public class Order {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(name = "user", length = 40) String user;
    @Column(name = "select") String select;
    @ManyToOne Customer customer;
    @Version Long version;
}

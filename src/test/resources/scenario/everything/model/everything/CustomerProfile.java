package everything;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
public class CustomerProfile {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @OneToOne(optional = false)
    @JoinColumn(name = "customer_id", foreignKey = @ForeignKey(name = "fk_profile_customer"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    Customer customer;
    @Column(columnDefinition = "text") String bio;
}

package shop;

import jakarta.persistence.*;
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

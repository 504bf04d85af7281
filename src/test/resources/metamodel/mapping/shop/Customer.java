package shop;

import jakarta.persistence.*;
import java.util.*;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
@Table(name = "customer",
       indexes = {@Index(name = "idx_customer_name", columnList = "lastName desc, firstName"),
                  @Index(name = "idx_customer_email", columnList = "email", unique = true)},
       uniqueConstraints = @UniqueConstraint(name = "uk_customer_name_birth", columnNames = {"firstName", "lastName"}),
       check = @CheckConstraint(name = "ck_customer_names", constraint = "firstName <> lastName"))
public class Customer {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, unique = true, length = 12) String code;
    @Column(length = 50) String firstName;
    @Column(length = 50) String lastName;
    String email;
    @Embedded Address home;
    @Embedded
    @AttributeOverride(name = "street", column = @Column(name = "work_street", length = 100))
    @AttributeOverride(name = "city", column = @Column(name = "work_city", length = 40))
    @AttributeOverride(name = "zip", column = @Column(name = "work_zip", length = 10))
    Address work;
    @ElementCollection Set<String> tags = new HashSet<>();
    @ElementCollection
    @CollectionTable(name = "customer_address", joinColumns = @JoinColumn(name = "customer_id"))
    @OrderColumn(name = "position")
    List<Address> otherAddresses = new ArrayList<>();
    @OneToOne(mappedBy = "customer") CustomerProfile profile;
}

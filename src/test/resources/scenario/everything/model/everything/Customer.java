package everything;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CheckConstraint;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Embedded values, element collections, many-to-many, indexes (multi-column, descending), uniques, a check. */
@Entity
@Table(name = "customer",
       indexes = {@Index(name = "idx_customer_name", columnList = "lastName desc, firstName"),
                  @Index(name = "idx_customer_email", columnList = "email", unique = true),
                  @Index(name = "idx_customer_city", columnList = "city")},
       uniqueConstraints = @UniqueConstraint(name = "uk_customer_name", columnNames = {"firstName", "lastName"}),
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
    @ManyToMany Set<Team> teams = new HashSet<>();
}

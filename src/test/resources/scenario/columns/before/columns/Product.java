package columns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Product {
    @Id
    Long id;

    @Column(nullable = false, length = 100)
    String name;

    @Column(length = 20)
    String legacyCode;

    Integer price;
}

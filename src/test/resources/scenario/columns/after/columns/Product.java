package columns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;
import org.hibernate.annotations.ColumnDefault;

/**
 * legacyCode is gone; the rest is new. stock, sku, active and version are NOT NULL without a default and the
 * table has rows: the upgrade must still run.
 */
@Entity
public class Product {
    @Id
    Long id;

    @Column(nullable = false, length = 100)
    String name;

    Integer price;

    String description;

    int stock;

    @Column(nullable = false, length = 30)
    String sku;

    boolean active;

    @Version
    Long version;

    @ColumnDefault("'new'")
    @Column(nullable = false, length = 10)
    String state;

    LocalDate addedOn;
}

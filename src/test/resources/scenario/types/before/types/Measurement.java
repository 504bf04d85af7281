package types;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;

@Entity
public class Measurement {
    @Id
    Long id;

    @Column(length = 50)
    String label;

    @Column(precision = 10, scale = 2)
    BigDecimal amount;

    int reading;

    @Column(length = 100)
    String code;

    float ratio;

    String untouched;
}

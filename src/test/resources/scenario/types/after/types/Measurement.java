package types;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;

/** Longer label, more precision and scale, int to long, a shorter code (the values fit), float to double. */
@Entity
public class Measurement {
    @Id
    Long id;

    @Column(length = 120)
    String label;

    @Column(precision = 14, scale = 4)
    BigDecimal amount;

    long reading;

    @Column(length = 40)
    String code;

    double ratio;

    String untouched;
}

package everything;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("BIG")
public class Truck extends Vehicle {
    double payload;
}

package shop;

import jakarta.persistence.*;

@Entity
@DiscriminatorValue("BIG")
public class Truck extends Vehicle {
    double payload;
}

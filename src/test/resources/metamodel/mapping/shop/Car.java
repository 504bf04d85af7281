package shop;

import jakarta.persistence.*;

@Entity
public class Car extends Vehicle {
    @Column(nullable = false) int doors;
}

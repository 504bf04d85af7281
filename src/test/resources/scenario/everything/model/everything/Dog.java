package everything;

import jakarta.persistence.Entity;

@Entity
public class Dog extends Animal {
    boolean goodBoy;
}

package everything;

import jakarta.persistence.Entity;

@Entity
public class Cat extends Animal {
    int lives;
}

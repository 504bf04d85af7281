package shop;

import jakarta.persistence.*;

@Entity
public class Cat extends Animal {
    int lives;
}

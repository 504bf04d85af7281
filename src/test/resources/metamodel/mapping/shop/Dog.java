package shop;

import jakarta.persistence.*;

@Entity
public class Dog extends Animal {
    boolean goodBoy;
}

package shop;

import jakarta.persistence.*;
import java.io.Serializable;

@Embeddable
public class StudentId implements Serializable {
    @Column(length = 8) String school;
    int number;

    @Override public boolean equals(Object o) {
        return o instanceof StudentId s && s.school.equals(school) && s.number == number;
    }
    @Override public int hashCode() { return school.hashCode() * 31 + number; }
}

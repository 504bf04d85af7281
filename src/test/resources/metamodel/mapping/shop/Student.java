package shop;

import jakarta.persistence.*;
import java.util.*;

@Entity
public class Student {
    @EmbeddedId StudentId id;
    String name;
    @ManyToMany(mappedBy = "students") Set<Course> courses = new HashSet<>();
}

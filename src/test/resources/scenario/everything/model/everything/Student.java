package everything;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToMany;
import java.util.HashSet;
import java.util.Set;

@Entity
public class Student {
    @EmbeddedId StudentId id;
    String name;
    @ManyToMany(mappedBy = "students") Set<Course> courses = new HashSet<>();
}

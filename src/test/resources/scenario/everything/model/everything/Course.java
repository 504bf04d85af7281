package everything;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.TableGenerator;
import java.util.HashSet;
import java.util.Set;

/** Ids from a TABLE generator; a many-to-many to an entity with a composite key. */
@Entity
public class Course {
    @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = "course_gen")
    @TableGenerator(name = "course_gen", table = "id_gen", pkColumnName = "gen_name", valueColumnName = "gen_val",
                    pkColumnValue = "course", initialValue = 1000)
    Long id;
    String title;
    @ManyToMany
    @JoinTable(name = "course_student",
               joinColumns = @JoinColumn(name = "course_id"),
               inverseJoinColumns = {@JoinColumn(name = "student_school", referencedColumnName = "school"),
                                     @JoinColumn(name = "student_number", referencedColumnName = "number")})
    Set<Student> students = new HashSet<>();
}

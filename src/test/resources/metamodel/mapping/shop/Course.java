package shop;

import jakarta.persistence.*;
import java.util.*;

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

package types;
import jakarta.persistence.*;

@Entity
public class Seq {
    @Id @GeneratedValue Long id;
    String name;
}

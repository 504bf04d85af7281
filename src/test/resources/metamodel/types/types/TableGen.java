package types;
import jakarta.persistence.*;

@Entity
public class TableGen {
    @Id @GeneratedValue(strategy = GenerationType.TABLE) Long id;
    String name;
}

package types;
import jakarta.persistence.*;

@Entity
public class TableGen2 {
    @Id @GeneratedValue(strategy = GenerationType.TABLE) Long id;
}

package keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Chapter {
    @Id
    Long id;

    @ManyToOne(optional = false)
    Book book;

    int number;
}

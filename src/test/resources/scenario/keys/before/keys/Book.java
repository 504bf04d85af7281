package keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Book {
    @Id
    Long id;

    @Column(length = 80)
    String title;

    @ManyToOne
    Author author;

    @Column(name = "editor_id")
    Long editorId;
}

package keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * author_id stays a column but loses its foreign key; editor_id, so far a plain column, gains one; publisher
 * is a new column with a foreign key.
 */
@Entity
public class Book {
    @Id
    Long id;

    @Column(length = 80)
    String title;

    @Column(name = "author_id")
    Long authorId;

    @ManyToOne
    @JoinColumn(name = "editor_id")
    Author editor;

    @ManyToOne
    Publisher publisher;
}
